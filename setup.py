"""Only the C extension lives here; everything else about the package is in pyproject.toml."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "hoguide.reading._automaton",
            ["src/hoguide/reading/_automaton.c"],
            extra_compile_args=["-O2"],
            # Without a C compiler the install goes on, and the reader uses its pure-Python path.
            optional=True,
        )
    ]
)
