"""The image pipeline: an author's photo -> private, responsive files and the HTML that shows them.

Takes: an image file under `content/images/` (its bytes, or its path under load's rule), the
settings (widths, qualities, pixel limit) and the images earlier builds processed.
Gives: `Picture` (the files to write under `images/`, each named with a hash of its source:
`images/x.1a2b3c4d5e.960.webp`, in WebP and JPEG at 480, 960 and 1600 px, never enlarged, upright,
in sRGB, with every metadata block removed), a located `Problem` for a file that cannot be
published, the `ImageCache` that processes each distinct file once, and `picture_html`.

It sits between validate and load: it reads files under load's rule and uses nothing later, so
validation (does a referenced image exist and decode?), render (the HTML) and write (the files,
the cache) may all use it.
"""
from .cache import IMAGES_FILE, ImageCache, load_image_cache, process_all, read_image
from .decode import ACCEPTED, at_reference, sniff
from .encode import DEFAULT_SETTINGS, Encoded, ImageSettings, Variant, encode_image, source_hash, widths_for
from .picture import DEFAULT_SIZES, File, Picture, picture, picture_html, published_name, root_link

__all__ = [
    "ACCEPTED", "DEFAULT_SETTINGS", "DEFAULT_SIZES", "IMAGES_FILE", "Encoded", "File", "ImageCache", "ImageSettings",
    "Picture", "Variant", "at_reference", "encode_image", "load_image_cache", "picture", "picture_html",
    "process_all", "published_name", "read_image", "root_link", "sniff", "source_hash", "widths_for",
]
