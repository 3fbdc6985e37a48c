"""Our macros for mkdocs-macros (loaded through PMT's pyodide_macros plugin).

- `exercise("<chapter>/<name>")` is handled by hooks/exercises.py before the macros run, and
  only when it stands alone on its line. Any call that reaches this module was written elsewhere
  (inline, inside other text), so it fails the build instead of rendering something half-done.
- `helpers_reference("<module>")` renders the public API of one course_helpers module from its
  docstrings, for authors; a public name without a docstring fails the build.
"""

import importlib
import inspect


def define_env(env):
    @env.macro
    def exercise(slug=None, *args, **kwargs):
        raise ValueError(
            f'exercise({slug!r}) must stand alone on its own line, as {{{{ exercise("chapter/name") }}}}, '
            "so that the exercises hook can embed it"
        )

    @env.macro
    def helpers_reference(module_name):
        module = importlib.import_module(f"course_helpers.{module_name}")  # an unknown name raises here
        parts = [inspect.getdoc(module) or _missing(module_name)]
        for name in module.__all__:
            parts.append(_entry(module_name, name, getattr(module, name)))
        return "\n\n".join(parts)


def _entry(module_name, name, value):
    qualified = f"course_helpers.{module_name}.{name}"
    if inspect.isclass(value) or inspect.isfunction(value):
        shown = f"{name}{inspect.signature(value)}" if inspect.isfunction(value) else f"class {name}"
        text = [f"#### `{shown}` {{ #{qualified} }}", inspect.getdoc(value) or _missing(qualified)]
        for member, attribute in vars(value).items() if inspect.isclass(value) else ():
            if not member.startswith("_") and isinstance(attribute, (property, type(_entry))):
                text.append(f"- `{member}`: {inspect.getdoc(attribute) or _missing(f'{qualified}.{member}')}")
        return "\n\n".join(text)
    return f"#### `{name}` {{ #{qualified} }}\n\n```python\n{name} = {value!r}\n```"


def _missing(name):
    raise ValueError(f"{name} has no docstring: the authors' reference is built from them")
