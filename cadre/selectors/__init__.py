"""Reads for the web pages: each fetches what one page needs in a fixed number of queries.

Every queryset starts from `.visible_to(user)` or `.within(organization)`
(cadre/scoping.py), so a page can only show the user's subtree. One module
per thing served: access (the object a page is about, 404 outside the
scope), filters (conditions the list filters share), official_list, profile
and tree. The dashboard's composition is in reports/composition.py and the
plans a page offers in planning/selectors.py.
"""
