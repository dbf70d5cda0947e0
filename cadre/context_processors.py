from cadre.models import Organization


def demo_banner(request):
    """Tell every page whether the database holds generated demo data."""
    return {"has_demo_data": Organization.objects.filter(is_demo=True).exists()}
