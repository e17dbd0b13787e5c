"""What keeps the build fast (issue #3): compiled templates reused across the per-language builds,
and a configuration that INHERITs mkdocs.yml (as the build benchmark's do) read like MkDocs reads it."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader
from mammogram_callbacks.build.template_cache import InMemoryBytecodeCache
from mammogram_callbacks.project import Project


def test_templates_compile_once_and_again_when_edited(tmp_path):
    (tmp_path / "page.html").write_text("Hello {{ name }}", encoding="utf-8")
    cache = InMemoryBytecodeCache()
    compiled = []

    def environment() -> Environment:  # a new environment per language build, as MkDocs makes
        env = Environment(loader=FileSystemLoader(str(tmp_path)), bytecode_cache=cache)
        compile_source = env.compile

        def counting_compile(source, *args, **kwargs):
            compiled.append(source)
            return compile_source(source, *args, **kwargs)

        env.compile = counting_compile
        return env

    assert environment().get_template("page.html").render(name="en") == "Hello en"
    assert environment().get_template("page.html").render(name="es") == "Hello es"
    assert len(compiled) == 1 and len(cache) == 1  # the second environment reused the code

    (tmp_path / "page.html").write_text("Bye {{ name }}", encoding="utf-8")  # `mkdocs serve`, edited
    assert environment().get_template("page.html").render(name="ar") == "Bye ar"
    assert len(compiled) == 2


def test_a_config_that_inherits_mkdocs_yml_has_its_languages(site_factory):
    root = site_factory()
    (root / "fewer-hooks.yml").write_text("INHERIT: mkdocs.yml\nhooks: []\n", encoding="utf-8")
    inherited, own = Project(root, "fewer-hooks.yml"), Project(root)
    assert inherited.languages == own.languages and inherited.docs_dir == own.docs_dir
    assert not inherited.check().blocking
