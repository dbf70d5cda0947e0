"""Plans (nghị quyết, đề án) and their targets: built by the indicator issue."""
