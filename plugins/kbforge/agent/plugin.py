"""The agent panel (staff site): ``/<lang>/agent/``, where a support agent
pastes a customer's ticket and gets the five best articles in the ticket's
language, the sections that match, and replies to copy with the customer
site's permalink (kbforge.suggest is the same in Python: ``kbforge suggest``).

The page is generated like the other staff pages; its script (agent.js) uses
the search engine of kbforge/search (kbsearch.js and the per-language index
folders) and the ticket profile this plugin writes once per site,
``agent/profile.json`` (suggest/profile.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from .. import strings, theme, urls
from ..catalog.plugin import get_state
from ..lifecycle.priorities import GENERATED
from ..strings import language_name
from ..suggest import profile
from .config import AgentConfig

log = get_plugin_logger(__name__)
TEMPLATES = Path(__file__).with_name("templates")
PAGE = "agent"
PROFILE = "agent/profile.json"
SCRIPT, ENGINE, STYLE = "assets/kbforge/agent.js", "assets/kbforge/kbsearch.js", "assets/kbforge/agent.css"
BUNDLE = "kbsearch"  # kbforge/search's index folder in each language


def plural_rules(lang: str) -> dict:
    """Our count strings by CLDR plural category, for the browser's Intl.PluralRules."""
    t = strings.for_language(lang)
    return {"agent_results_count": t.plurals["agent_results_count"]}


class AgentPlugin(BasePlugin[AgentConfig]):
    def on_config(self, config: MkDocsConfig) -> None:
        self.page_src = None
        if not self.config.enabled:
            return
        state = get_state(config)
        if state.site != "staff":
            return
        theme.register(config, TEMPLATES, css=[STYLE])
        if state.starting:
            state.on_site_files("agent panel profile", self._write_profile)

    def _write_profile(self, config: MkDocsConfig) -> None:
        state = get_state(config)
        path = profile.write(Path(config.site_dir), state.full, list(state.names))
        log.info("agent: ticket profile %s (%d bytes)", PROFILE, path.stat().st_size)

    @event_priority(GENERATED)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        state = get_state(config)
        if not self.config.enabled or state.site != "staff":
            return files
        t = strings.for_language(state.lang)
        self.page_src = state.urls.source_of_folder(state.urls.folder(f"{state.lang}/{PAGE}"))
        files.append(theme.generated_page(config, self.page_src, t["agent_title"], state.lang))
        return files

    def on_page_content(self, html: str, *, page, config: MkDocsConfig, files) -> str:
        if self.page_src is None or page.file.src_uri != self.page_src:
            return html
        state = get_state(config)
        lang, here = state.lang, page.url
        t = strings.for_language(lang)
        panel = {
            "lang": lang,
            "profile": urls.relative(here, PROFILE),
            "engine": urls.relative(here, ENGINE),
            "bundles": {code: urls.relative(here, f"{code}/{BUNDLE}/") for code in state.names},
            "pages": {code: urls.relative(here, f"{code}/") for code in state.names},
            "names": {code: language_name(code, lang) for code in state.names},
            "counts": plural_rules(lang),
            "strings": {
                "agent_detected": t["agent_detected"], "agent_none": t["agent_none"],
                "agent_searching": t["agent_searching"], "agent_internal": t["agent_internal"],
                "agent_not_public": t["agent_not_public"], "agent_copy_text": t["agent_copy_text"],
                "agent_copy_markdown": t["agent_copy_markdown"], "agent_copy_html": t["agent_copy_html"],
                "agent_sections": t["agent_sections"], "agent_query": t["agent_query"], "copied": t["copied"],
                "copy_failed": t["copy_failed"], "share_whole": t["share_whole"], "share_section": t["share_section"],
                "staff_only": t["staff_only"],
            },
        }
        languages = [{"code": code, "name": language_name(code, lang)} for code in state.names]
        return html + theme.templates(config).get_template("kbforge/agent.html").render(
            t=t, panel=panel, languages=languages, script=urls.relative(here, SCRIPT))
