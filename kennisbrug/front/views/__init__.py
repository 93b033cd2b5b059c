"""Public pages, one module per part of the site."""

from kennisbrug.front.views.home import home
from kennisbrug.front.views.records import intervention_detail, product_detail, project_detail
from kennisbrug.front.views.seo import robots_txt, sitemap, sitemap_index
from kennisbrug.front.views.themes import agenda_comparison, theme_detail, theme_list
from kennisbrug.front.views.werkplaatsen import werkplaats_detail, werkplaats_list

__all__ = [
    "agenda_comparison",
    "home",
    "intervention_detail",
    "product_detail",
    "project_detail",
    "robots_txt",
    "sitemap",
    "sitemap_index",
    "theme_detail",
    "theme_list",
    "werkplaats_detail",
    "werkplaats_list",
]
