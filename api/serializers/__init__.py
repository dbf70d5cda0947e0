"""What the API answers (and, for the schema, what it takes): one module per resource; shaping only.

Writes are checked by the pages' forms (api/form_input.py) and done by the pages' services; the request
serializers here describe the bodies for the OpenAPI schema with the same names the answers use, so an
answer edited and sent back is a valid body.
"""
