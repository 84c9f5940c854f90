"""The site's derivations, one folder each."""
