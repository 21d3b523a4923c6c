"""Only the C extensions live here; everything else about the package is in pyproject.toml."""

from setuptools import Extension, setup

setup(
    ext_modules=[
        # Without a C compiler the install goes on, and the reader uses its pure-Python paths.
        Extension(
            "hoguide.reading._automaton",
            ["src/hoguide/reading/_automaton.c"],
            extra_compile_args=["-O2"],
            optional=True,
        ),
        Extension(
            "hoguide.reading._sentences",
            ["src/hoguide/reading/_sentences.c"],
            extra_compile_args=["-O2"],
            optional=True,
        ),
    ]
)
