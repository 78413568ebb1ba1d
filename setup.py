"""The one thing pyproject.toml does not say: the worker's case loop in C (judge/_forkserver.c).

Optional: without a C compiler the install still works and the worker runs the same loop in Python,
slower per case (`judge doctor` says which).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "judge._forkserver",
            sources=["judge/_forkserver.c"],
            optional=True,
            extra_compile_args=["-O2", "-Wall", "-Wextra"],
        )
    ]
)
