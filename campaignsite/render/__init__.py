"""The render stage: the planned pages through Jinja, and the whole-site files, as bytes in memory.

Takes: the validated model, the planned pages, the template folders and how the site is published.
Gives: `RenderedSite` (see `render.site`); nothing here writes.
"""
from .markdown import Conversions, markdown_to_html
from .pages import make_environment
from .site import PAGES_PER_WORKER, Progress, RenderedSite, SitePlan, render_site, whole_site_files
from .urls import Publication, Urls

__all__ = ["PAGES_PER_WORKER", "Conversions", "Progress", "Publication", "RenderedSite", "SitePlan", "Urls",
           "make_environment", "markdown_to_html", "render_site", "whole_site_files"]
