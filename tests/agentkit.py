"""A small knowledge base for the agent panel's tests (tests/test_agent_*.py):
three articles in each language (a double charge, a delivery date, and an
internal runbook for the technical team), two-line tickets that each of them
answers, and the staff site built once and served at the address it is built
for. Import the fixture: ``from agentkit import agent_site``."""

from __future__ import annotations

import json

import pytest

from conftest import serve
from sitebuild import LANGS, article, build_site, landing

CUSTOMER = "https://help.example.test/"  # the customer site (KB_CUSTOMER_URL), not the staff host

HOME = {"vi": "Trang chủ", "nb": "Forside", "es": "Inicio", "pl": "Strona główna"}
SECTION = {"vi": "Hướng dẫn", "nb": "Veiledninger", "es": "Guías", "pl": "Poradniki"}

ARTICLES = {
    "vi": {
        "KB-0901": ("Bị trừ tiền hai lần cho cùng một hóa đơn",
                    "Cách kiểm tra khoản thanh toán bị trừ hai lần và nhận lại tiền.",
                    "## Các bước {#steps}\n\nKiểm tra sao kê ngân hàng và tìm hai khoản trừ tiền có cùng số hóa đơn. "
                    "Gửi cho chúng tôi ảnh chụp sao kê; bộ phận thanh toán sẽ hủy khoản trừ thừa.\n\n"
                    "## Thời gian hoàn tiền {#refund}\n\nTiền trừ thừa được hoàn lại vào thẻ hoặc tài khoản ngân hàng "
                    "của bạn trong vòng năm ngày làm việc.\n"),
        "KB-0902": ("Đổi ngày giao hàng", "Cách dời lịch giao hàng sang ngày khác.",
                    "## Đổi lịch hẹn {#reschedule}\n\nBạn có thể đổi ngày giao hàng miễn phí trước mười hai giờ trưa của "
                    "ngày làm việc liền trước buổi hẹn. Hãy trả lời tin nhắn SMS hoặc đổi lịch trong tài khoản của bạn.\n"),
        "KB-0903": ("Chuyển lỗi máy sấy cho đội kỹ thuật",
                    "Dành cho nhân viên tuyến một: khi nào và cách chuyển phiếu lỗi máy sấy quần áo lên đội kỹ thuật.",
                    "## Khi nào chuyển {#when}\n\nChuyển phiếu khi máy sấy quần áo không nóng hoặc báo lỗi sau khi khách "
                    "đã khởi động lại máy. Ghi rõ mã lỗi trên màn hình và số sê-ri của máy.\n"),
    },
    "nb": {
        "KB-0901": ("Trukket to ganger for samme faktura",
                    "Slik sjekker du en betaling som er trukket to ganger, og får pengene tilbake.",
                    "## Fremgangsmåte {#steps}\n\nSjekk kontoutskriften og finn de to trekkene med samme fakturanummer. "
                    "Send oss et skjermbilde av kontoutskriften, så fjerner betalingsteamet det doble trekket.\n\n"
                    "## Når du får pengene tilbake {#refund}\n\nDet doble beløpet betales tilbake til kortet eller "
                    "bankkontoen din innen fem virkedager.\n"),
        "KB-0902": ("Endre leveringsdato", "Slik flytter du leveringen til en annen dag.",
                    "## Flytte avtalen {#reschedule}\n\nDu kan endre leveringsdatoen gratis frem til klokken tolv "
                    "virkedagen før avtalen. Svar på SMS-en eller endre avtalen på kontoen din.\n"),
        "KB-0903": ("Eskalere feil på tørketrommel til teknisk team",
                    "For førstelinjen: når og hvordan en sak om tørketrommel sendes videre til teknisk team.",
                    "## Når saken skal eskaleres {#when}\n\nSend saken videre når tørketrommelen ikke blir varm eller "
                    "viser feilkode etter at kunden har startet den på nytt. Skriv feilkoden fra displayet og "
                    "serienummeret i saken.\n"),
    },
    "es": {
        "KB-0901": ("Cobro duplicado de una misma factura",
                    "Cómo comprobar un pago cobrado dos veces y recuperar el dinero.",
                    "## Pasos {#steps}\n\nRevise el extracto bancario y busque los dos cargos con el mismo número de "
                    "factura. Envíenos una captura del extracto y el equipo de facturación anulará el cargo duplicado.\n\n"
                    "## Plazo de devolución {#refund}\n\nEl importe cobrado de más se devuelve a su tarjeta o cuenta "
                    "bancaria en un plazo de cinco días hábiles.\n"),
        "KB-0902": ("Cambiar la fecha de entrega", "Cómo pasar la entrega a otro día.",
                    "## Cambiar la cita {#reschedule}\n\nPuede cambiar la fecha de entrega sin coste hasta las doce del "
                    "mediodía del día hábil anterior a la cita. Responda al SMS o cambie la cita en su cuenta.\n"),
        "KB-0903": ("Escalar una avería de secadora al equipo técnico",
                    "Para la primera línea: cuándo y cómo pasar un ticket de secadora al equipo técnico.",
                    "## Cuándo escalar {#when}\n\nEscale el ticket cuando la secadora no calienta o muestra un código "
                    "de error después de que el cliente la haya reiniciado. Anote el código de error de la pantalla "
                    "y el número de serie.\n"),
    },
    "pl": {
        "KB-0901": ("Podwójne obciążenie za tę samą fakturę",
                    "Jak sprawdzić płatność pobraną dwa razy i odzyskać pieniądze.",
                    "## Kroki {#steps}\n\nSprawdź wyciąg bankowy i znajdź dwa obciążenia z tym samym numerem faktury. "
                    "Wyślij nam zrzut ekranu wyciągu, a dział rozliczeń anuluje podwójne obciążenie.\n\n"
                    "## Termin zwrotu {#refund}\n\nNadpłacona kwota wraca na kartę lub konto bankowe w ciągu pięciu "
                    "dni roboczych.\n"),
        "KB-0902": ("Zmiana terminu dostawy", "Jak przełożyć dostawę na inny dzień.",
                    "## Przełożenie wizyty {#reschedule}\n\nTermin dostawy można zmienić bezpłatnie do godziny "
                    "dwunastej w dniu roboczym poprzedzającym wizytę. Odpowiedz na SMS-a albo zmień termin na swoim "
                    "koncie.\n"),
        "KB-0903": ("Przekazanie usterki suszarki do zespołu technicznego",
                    "Dla pierwszej linii: kiedy i jak przekazać zgłoszenie dotyczące suszarki do zespołu technicznego.",
                    "## Kiedy przekazać {#when}\n\nPrzekaż zgłoszenie, gdy suszarka nie grzeje albo pokazuje kod błędu "
                    "po ponownym uruchomieniu przez klienta. Wpisz kod błędu z wyświetlacza i numer seryjny "
                    "urządzenia.\n"),
    },
}
FILES = {"KB-0901": "double-charge", "KB-0902": "delivery-date", "KB-0903": "dryer-escalation"}
INTERNAL = "KB-0903"

# Two-line tickets, as customers (and, for the internal runbook, agents) write them: id -> text.
TICKETS = {
    "vi": {
        "KB-0901": "Chào shop, tháng này tôi bị trừ tiền hai lần cho cùng một hóa đơn.\n"
                   "Nhờ shop kiểm tra và hoàn lại tiền giúp tôi.",
        "KB-0902": "Tôi muốn dời ngày giao hàng sang tuần sau.\nCó đổi lịch được không ạ?",
        "KB-0903": "Khách báo máy sấy quần áo không nóng, đã khởi động lại nhưng vẫn báo lỗi.\n"
                   "Cần chuyển phiếu cho đội kỹ thuật.",
    },
    "nb": {
        "KB-0901": "Hei, jeg har blitt trukket to ganger for samme faktura denne måneden.\n"
                   "Kan dere sjekke og betale tilbake det doble beløpet?",
        "KB-0902": "Jeg vil gjerne flytte leveringen til neste uke.\nGår det an å endre leveringsdatoen?",
        "KB-0903": "Kunden sier at tørketrommelen ikke blir varm og viser feilkode etter omstart.\n"
                   "Må sendes videre til teknisk team.",
    },
    "es": {
        "KB-0901": "Hola, este mes me han cobrado dos veces la misma factura.\n"
                   "¿Pueden revisarlo y devolverme el cargo duplicado?",
        "KB-0902": "Quiero cambiar la fecha de entrega a la semana que viene.\n¿Es posible mover la cita?",
        "KB-0903": "La clienta dice que la secadora no calienta y muestra un código de error tras reiniciarla.\n"
                   "Hay que pasarlo al equipo técnico.",
    },
    "pl": {
        "KB-0901": "Dzień dobry, w tym miesiącu pobrano ode mnie dwa razy opłatę za tę samą fakturę.\n"
                   "Proszę o sprawdzenie i zwrot podwójnego obciążenia.",
        "KB-0902": "Chciałabym przełożyć dostawę na przyszły tydzień.\nCzy da się zmienić termin dostawy?",
        "KB-0903": "Klient zgłasza, że suszarka nie grzeje i po ponownym uruchomieniu pokazuje kod błędu.\n"
                   "Trzeba przekazać do zespołu technicznego.",
    },
}


def tree() -> dict[str, str]:
    files = {}
    for lang in LANGS:
        files[f"{lang}/index.md"] = landing(HOME[lang])
        files[f"{lang}/guides/index.md"] = landing(SECTION[lang])
        for article_id, (title, summary, body) in ARTICLES[lang].items():
            files[f"{lang}/guides/{FILES[article_id]}.md"] = article(
                article_id, title, summary=json.dumps(summary, ensure_ascii=False), body=body, tags=("demo",),
                audience="internal" if article_id == INTERNAL else "public")
    return files


@pytest.fixture(scope="session")
def agent_site(tmp_path_factory):
    """The staff site of tree(), served; yields (base URL, site folder)."""
    tmp = tmp_path_factory.mktemp("agent")
    server, url = serve(tmp / "site")
    site = build_site(tmp, tree(), env={"KB_SITE": "staff", "KB_UPDATE_LEDGER": "false", "KB_CUSTOMER_URL": CUSTOMER},
                      site_url=url + "/")
    yield url, site
    server.shutdown()
