from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Zoeken"

    def ready(self):
        from portal.cache import cached_view_served

        cached_view_served.connect(count_cached_search, dispatch_uid="search-count-cached")


def count_cached_search(sender, request, meta=None, **kwargs):
    """Search results served from the page cache still count for the popular-searches report."""
    if sender == "search" and meta and "log_query_found" in meta:
        from search import services

        services.log_query(services.clean_query(request.GET.get("q", "")), meta["log_query_found"])
