"""Our macros for mkdocs-macros (loaded through PMT's pyodide_macros plugin).

`exercise("<chapter>/<name>")` is handled by hooks/exercises.py before the macros run, and only
when it stands alone on its line. Any call that reaches this module was written elsewhere
(inline, inside other text), so it fails the build instead of rendering something half-done.
"""


def define_env(env):
    @env.macro
    def exercise(slug=None, *args, **kwargs):
        raise ValueError(
            f'exercise({slug!r}) must stand alone on its own line, as {{{{ exercise("chapter/name") }}}}, '
            "so that the exercises hook can embed it"
        )
