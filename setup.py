"""The optional compiled speedups (liqaa._speedups); everything else is in pyproject.toml.

Building needs a C compiler; without one the extension is skipped (``optional=True``)
and liqaa runs its pure-Python text layer, with the same results, more slowly."""

from setuptools import Extension, setup

try:
    from Cython.Build import cythonize
except ImportError:  # building from an sdist without Cython: nothing to compile
    extensions = []
else:
    extensions = cythonize(
        [Extension("liqaa._speedups", ["src/liqaa/_speedups.pyx"])],
        compiler_directives={"language_level": "3"},
        quiet=True,
    )
    for extension in extensions:
        extension.optional = True   # set after cythonize, which does not carry it over

setup(ext_modules=extensions)
