"""Who may use the search app's editor tools."""


def can_view_search_report(user) -> bool:
    """Editors and administrators (through their role's permission) read the search-terms report."""
    return bool(user.is_authenticated and user.has_perm("search.view_search_report"))
