"""Customer-value and classification methods on plain arrays.

NumPy, SciPy and the standard library only: the Django side and the `clientela analyze` command
share these functions, so nothing here imports Django.
"""
