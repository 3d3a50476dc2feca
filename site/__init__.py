"""The Django project package: the folder is `site/`, imported as `deelfabriek`.

`site` is a module of Python's standard library, so pyproject.toml maps the name.
"""
