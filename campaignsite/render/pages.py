"""Pages -> HTML, through Jinja templates with autoescape and StrictUndefined.

Takes: the template folders (the site's first, then the theme's), a `PageMaker` (what every page's
context is made from) and the pages to render.
Gives: `{output path: HTML text}`, or `SiteError` naming the template, its line and the pages it
failed on when a template is wrong: one mistake is one message, however many pages it hit.
Nothing here touches the output folder.
"""
from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from ..errors import Problem, SiteError, in_pages
from ..i18n import MissingString
from ..load import check_file, is_cache_folder, read_text, within
from ..ownfiles import own_folder, read_sealed, seal, unique_temporary
from ..routes import Page
from .context import PageMaker
from .urls import relativize


def make_environment(template_dirs: list[Path], watch_templates: bool = False,
                     compiled: Path | None = None) -> jinja2.Environment:
    """A Jinja environment over the template folders. With `watch_templates` (the preview, which keeps
    one environment between rebuilds) Jinja recompiles a template when its file changes; a one-off
    build does not look at every template file again for every page. `compiled` is a folder where the
    compiled templates are kept from one build to the next (Jinja's own cache, under each source's digest)."""
    return jinja2.Environment(
        bytecode_cache=KeptTemplates(compiled) if compiled is not None else None,
        auto_reload=watch_templates,
        loader=SourceLoader(template_dirs),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class KeptTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates in a folder of the tool's cache: a shortcut, never a requirement, so a
    folder that cannot be made, read or written (a full disk, permissions) only means compiling again.

    Jinja's own cache unpickles and unmarshals whatever file lies under a template's name, which would run code
    planted in a campaign folder received from someone else. So each compiled template is kept sealed for its file
    name (`ownfiles.seal`) and handed to Jinja only once its seal proves this user's tool wrote it; it is read and
    written through no link, and anything but a real folder in place of the folder is never followed."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder))
        self.folder = folder
        self._usable: bool | None = None  # the folder is a real one (made when missing); None: not looked at yet

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        name = self._get_cache_filename(bucket)
        folders = is_cache_folder(self.folder.parent) and is_cache_folder(self.folder)  # neither is a link
        data = read_sealed(os.path.basename(name), name) if folders else None
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)
        except Exception:  # noqa: BLE001 -- ours, but from another Python: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if not self._folder_ready():
            return
        target = Path(self._get_cache_filename(bucket))
        try:
            descriptor, temporary = unique_temporary(target)
        except OSError:
            return
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(seal(target.name, bucket.bytecode_to_string()))
            os.replace(temporary, target)
        except OSError:
            pass
        finally:
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass

    def _folder_ready(self) -> bool:
        """The folder is a real one, made (with the tool's cache folder) when missing. Anything but a folder in
        place of the cache folder leaves it unused (the build refuses it); in place of this one, it is removed,
        never followed."""
        if self._usable is None:
            self._usable = False
            try:
                own_folder(self.folder.parent)
                if not is_cache_folder(self.folder):
                    self._remove_planted()
                own_folder(self.folder)
                self._usable = True
            except OSError:
                pass
        return self._usable

    def _remove_planted(self) -> None:
        try:
            os.unlink(self.folder)  # a link, a file or a FIFO: unlinking never follows it
        except FileNotFoundError:
            pass


class SourceLoader(jinja2.FileSystemLoader):
    """Jinja's loader of template files, under the rule every source file keeps (`load.files`): the
    first folder that has anything under the template's name gives it, and it must be a regular
    file, or a link to one inside the campaign or theme folder (the template folders' parents);
    anything else is refused, before it is opened, with `SiteError` (the load stage has reported the
    same already, unless the file changed since)."""

    def __init__(self, template_dirs: list[Path]) -> None:
        super().__init__([str(d) for d in template_dirs])
        self.roots = within(*(d.parent for d in template_dirs))

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        display = posixpath.join("templates", *pieces)
        for folder in self.searchpath:
            filename = posixpath.join(folder, *pieces)
            info, problem = check_file(Path(filename), display, self.roots)
            if problem is not None:
                raise SiteError([problem])
            if info is not None:
                break
        else:
            raise jinja2.TemplateNotFound(template)
        text, problems = read_text(Path(filename), display)
        if text is None:
            raise SiteError(problems)
        mtime = info.st_mtime

        def uptodate() -> bool:
            try:
                return os.path.getmtime(filename) == mtime
            except OSError:
                return False

        return text, os.path.normpath(filename), uptodate


Found = list[tuple[Problem, str | None]]  # problems met while rendering, each with its page (see errors.in_pages)


def render_pages(pages: list[Page], env: jinja2.Environment, maker: PageMaker,
                 display_root: Path) -> tuple[dict[str, str], Found]:
    """`pages` rendered, `{output path: HTML}`, and the problems met on the way (every page is tried)."""
    urls = maker.publication.urls
    found: Found = []
    html: dict[str, str] = {}
    for page in pages:
        try:
            text = env.get_template(page.template).render(maker.context(page))
        except (jinja2.TemplateError, MissingString) as exc:
            found.append(template_problem(exc, page, display_root))
            continue
        html[page.output] = relativize(text, page.output, urls.base_path) if urls.relative else text
    return html, found


def raise_found(found: Found) -> None:
    if found:
        raise SiteError(in_pages(found))


def template_problem(exc: Exception, page: Page, display_root: Path) -> tuple[Problem, str | None]:
    """What a template did wrong, where (its file and line), and the page it happened on when that
    matters to the reader (`in_pages` names it); a syntax error is the same on every page."""
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Problem(_template_name(exc.filename, display_root, exc.name), exc.lineno, 0, "",
                       f"template syntax error: {exc.message}", "correct the template tag on this line"), None
    if isinstance(exc, jinja2.TemplateNotFound):
        return Problem("templates", message=f"the template {exc.name} is missing",
                       hint=f"add templates/{exc.name}, or restore it from the theme"), page.output
    file, line = _template_position(exc, display_root)
    if isinstance(exc, MissingString):
        return Problem(file, line, 0, "", f"the UI string '{exc.args[0]}' is not in the string table",
                       "add it to templates/strings.yaml with 'zh:' and 'en:'"), None
    if isinstance(exc, jinja2.UndefinedError):
        return Problem(file, line, 0, "", str(exc),
                       "check the variable's name; the variables a page has are listed in the README"), page.output
    raise exc


def _template_position(exc: Exception, display_root: Path) -> tuple[str, int]:
    """The template file and line the error came from (Jinja's traceback frames carry them)."""
    file, line = "templates", 0
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".txt", ".svg")):
            file, line = _template_name(name, display_root, name), tb.tb_lineno
        tb = tb.tb_next
    return file, line


def _template_name(filename: str | None, display_root: Path, fallback: str | None) -> str:
    if not filename:
        return fallback or "templates"
    path = Path(filename)
    try:
        return path.resolve().relative_to(display_root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
