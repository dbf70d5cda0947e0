"""The pages: one module per page family, each view thin (parse, one selector or service, render)."""
