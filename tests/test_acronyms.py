"""The acronym rule: what is an acronym, what is known, and what counts as spelled out."""

from __future__ import annotations

from pathlib import Path

import pytest

from speakeasy.config import resolve
from speakeasy.engine import lint_text
from speakeasy.ruleset import build_ruleset

RULE = "acronyms.undefined"


def flagged(result) -> list[str]:
    return [f.match for f in result.findings if f.rule == RULE]


def ruleset_with(tmp_path: Path, settings: str):
    """The acronym rule alone (other packs may flag the same words), with these settings."""
    (tmp_path / ".speakeasy.yaml").write_text("packs: [acronyms]\n" + settings, encoding="utf-8")
    return build_ruleset(resolve(cwd=tmp_path))


@pytest.fixture(scope="module")
def lint(tmp_path_factory: pytest.TempPathFactory):
    """lint(text) with the acronym rule alone and its shipped settings."""
    rs = ruleset_with(tmp_path_factory.mktemp("acronyms"), "")

    def _lint(text: str):
        return lint_text(text, rs, "doc.md", "markdown")

    return _lint


# -- real acronyms are still flagged ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, acronym",
    [
        ("The CQC will inspect the home next month.", "CQC"),
        ("Ask the school about an EHCP for your child.", "EHCP"),
        ("Ask your SENCO for help.", "SENCO"),
        ("You need a DBS check before you start.", "DBS"),
        ("Children with SEND get extra help.", "SEND"),
        ("Follow the NICE guidance on falls.", "NICE"),
        ("Tell the SIRO about the risk.", "SIRO"),
        ("The data is covered by the DPA 2018 rules.", "DPA"),  # a year is not a code number
        ("The ABC 2023/24 budget is out.", "ABC"),  # nor is a financial year
        ("You need a PhD to apply.", "PhD"),  # not after a name
        ("She was given an MBE last year.", "MBE"),  # not after a name
        ("Use an HTTP GET request.", "HTTP"),  # GET is a word, HTTP is not
        ("Senior Pension Manager PPA Pensions PO Box 42 Stockport", "PPA"),
        ("You must also consider the MAC address.", "MAC"),  # "must also consider" is not MAC
        ("Every RN must sign the form.", "RN"),  # one word with a capital is not a name
    ],
)
def test_real_acronyms_are_flagged(lint, text: str, acronym: str) -> None:
    assert flagged(lint(text)) == [acronym]


def test_acronyms_joined_by_slashes_are_still_acronyms(lint) -> None:
    assert flagged(lint("Log CPU/RAM/disk use.")) == ["CPU", "RAM"]
    assert flagged(lint("Use SSL/TLS for connections.")) == ["SSL", "TLS"]


def test_known_acronym_gets_the_words_in_full(lint) -> None:
    (f,) = [f for f in lint("Follow the NICE guidance on falls.").findings if f.rule == RULE]
    assert f.suggestions == ["National Institute for Health and Care Excellence (NICE)"]


# -- things that are not acronyms -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # postcodes and their outward codes
        "Write to 70 Whitehall, London SW1A 2AA.",
        "Our office is in SW1A.",
        "Building R103 Fermi Avenue Harwell Oxford OX11 0QX",
        "112 Upper Parliament Street Nottingham NG1 6LP",
        "The depot is near Worcester WR5 2NP.",
        "Leeds LS26 8AL",
        "Braintree Essex CM7 4AZ",
        "Wittering Peterborough PE8 6HB",
        "1 Victoria Street London SW1H 0ET",
        "1 Victoria Street London SW1H OET",
        # codes with digits
        "We are measuring the CO2 we save.",
        "The CH47 landed at noon.",
        "See ISO27017 for cloud security.",
        "Set the DMARC1 and DKIM1 records.",
        "Forward the zone in an RFC5936 format.",
        "Read NAA 15/28 before you start.",
        # reference codes
        "Ref: BIS/14/656 PDF, 361KB, 5 pages",
        "Ref: DFE-00060-2014 PDF, 768KB, 57 pages",
        "Ref: DVSA/NS/B/Sy PDF, 696KB, 35 pages",
        "Destroy paper to DIN 66399.",
        "Ref: ISBN 9781409841647 PDF, 166KB, 13 pages",
        "Ref: ABCD",
        "Quote BIS/14/656 when you write.",
        "Quote DFE-00060-2014 when you write.",
        "Read DVSA/NS/B/Sy first.",
        # PO Box and HM
        "Write to PO Box 3468, Sheffield.",
        "HM Treasury sets the budget.",
        "OFFICIAL is a UK HM Government classification.",
        "HM The Queen leads the service.",
        "Ask HM Courts for the form.",
        # honours and letters after a name
        "Jane Smith MBE opened the centre.",
        "John Brown CBE chairs the board.",
        "Ann Lee OBE spoke first.",
        "Sir Tom Jones KBE joined us.",
        "Dame Ann Fox DBE joined us.",
        "Tom Hale QC gave advice.",
        "Sara Bell KC gave advice.",
        "Professor Ann Lee FRS will speak.",
        "Dr Sam Patel PhD will speak.",
        "Ann Lee CBE, FRS will speak.",
        "Jane A. Smith MBE opened the centre.",
        # words in capitals
        "Method (for example, CONNECT GET)",
        "Use modern cryptography; AND/OR overwrite the data.",
        "All firewall DENY log data must be forwarded.",
        "DO",
        "DO NOT",
        "DON'T",
        "DON’T",
        "Information classed as SECRET or TOP SECRET needs care.",
        "NOTE: this changed in May.",
        "Write the date in DD/MM/YYYY format.",
        "Send it to XYZ Ltd.",
        "Returned record(s) or NXDOMAIN",
        # a product name made of a word and capitals
        "We use OpenLDAP for accounts.",
        # names most people know only by their letters
        "The FBI and NASA both use GPS.",
        "Police took a DNA sample.",
        # a chemical formula with its small number set apart
        "The testing of CO 2 emissions for cars starts in May.",
        "Levels of NO 2 in the air are falling.",
        # spelled out in small words, the small letter a word of its own
        "He mocked prisoners of war. As if PoWs were not enemies enough, he went on.",
    ],
)
def test_not_acronyms(lint, text: str) -> None:
    assert flagged(lint(text)) == []


def test_a_heading_in_capitals_is_words(lint) -> None:
    text = "# DO\n\nKeep your password safe.\n\n# DO NOT\n\nShare your password."
    assert flagged(lint(text)) == []


# -- acronyms that are also words: context decides ------------------------------------------------------


def test_it_and_us_are_known_to_everyone(lint) -> None:
    assert flagged(lint("Ask the IT team. The US team will help us.")) == []


def test_without_the_allow_list_it_in_prose_is_an_acronym(tmp_path: Path) -> None:
    rs = ruleset_with(tmp_path, "rules:\n  acronyms.undefined:\n    allow: []\n")
    assert flagged(lint_text("Ask the IT team.", rs, "doc.md", "markdown")) == ["IT"]
    assert flagged(lint_text("Ask the US team.", rs, "doc.md", "markdown")) == ["US"]
    # Next to other capitals, or on a line in capitals, it is a word.
    assert flagged(lint_text("DO NOT share it.", rs, "doc.md", "markdown")) == []
    assert flagged(lint_text("IT IS CLOSED", rs, "doc.md", "markdown")) == []


def test_long_words_in_capitals_are_words(lint) -> None:
    assert flagged(lint("HIV and AIDS are covered. PLEASE NOTE the IMPORTANT change.")) == []


# -- spelled out earlier, without brackets ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Contact the Environment Agency if you see a flood. The EA will reply within 5 days.",
        "# Department for Transport\n\nDepartment for Transport homepage\n\n## DfT Twitter policy\n\nWe tweet.",
        "# Department of Health\n\n## DH equality publications\n\nWe publish them.",
        "According to Information Commissioners Office, you may test. The ICO has advice.",
        "According to the Information Commissioner's Office, you may test. The ICO has advice.",
        "The Freedom of Information Act 2000 gives you rights. Make an FOI request.",
        "3. Domain name service query logs\n\nDNS query logs must be kept.",
        "The National Measurement and Regulation Office meets.\n\n## NMRO Steering Board\n\nIt meets monthly.",
        "The Ministry of Justice (MoJ) has a team, MoJ Digital & Technology. Everyone in D&T can ask.",
        "Amazon Web Services hosts it. Use AWS roles.",
        "The Department for Business, Innovation and Skills wrote this. BIS will reply.",
        "The Care Quality Commission CQC inspects homes.",
        "Children with special educational needs and disabilities get help. SEND support is free.",
        "It was once known as a Privacy Impact Assessment or PIA.",
        "Write to the Ministry of Justice. The MoJ will reply.",
        "Write to the Department for Work and Pensions. The DWP will reply.",
        "The Road Users' Group meets. The RUG will reply.",
        # The words in square brackets just after it, as a quotation's editor adds them.
        "Countries must create more MPAs [marine protected areas] by 2030.",
        # Three capitals or more: the name may come anywhere before.
        "Contact the Environment Protection Agency." + " We keep them safe." * 200 + " The EPA will reply.",
    ],
)
def test_spelled_out_earlier_without_brackets(lint, text: str) -> None:
    assert flagged(lint(text)) == []


@pytest.mark.parametrize(
    "text, acronym",
    [
        # The words come after the first use.
        ("The EA will reply. Contact the Environment Agency.", "EA"),
        ("# DECC Information Charter\n\nThe Department of Energy & Climate Change keeps data.", "DECC"),
        # The end of a longer name does not spell it out.
        ("Do a Data Protection Impact Assessment. The PIA must be signed.", "PIA"),
        # Lower-case words joined by little words like "to" do not spell it out.
        ("Logs help users to reasonably identify the full URI.", "URI"),
        # Lower-case words far before do not count.
        ("We keep domain name service logs." + " We keep them safe." * 20 + " DNS logs are kept.", "DNS"),
        # Two capitals: the name must come in the page before.
        ("Contact the Environment Agency." + " We keep them safe." * 200 + " The EA will reply.", "EA"),
        # A word in capitals is not one of the words.
        ("The Data and IT Team meets. The DIT will reply.", "DIT"),
        # In lower-case words "the" is not skipped.
        ("We keep the domain and the name service logs. The DNS logs are kept.", "DNS"),
    ],
)
def test_not_spelled_out(lint, text: str, acronym: str) -> None:
    assert flagged(lint(text)) == [acronym]


def test_little_words_do_not_spell_out_a_short_acronym(tmp_path: Path) -> None:
    rs = ruleset_with(tmp_path, "rules:\n  acronyms.undefined:\n    allow: []\n")
    assert flagged(lint_text("Put it in the box. Ask the IT team.", rs, "doc.md", "markdown")) == ["IT"]


# -- the list of acronyms everyone knows -----------------------------------------------------------


def test_known_to_everyone(lint) -> None:
    text = "Ask your GP or GPs, the NHS, HR, the CEO or IT. Pay VAT. Open the PDF at this URL in the UK."
    assert flagged(lint(text)) == []


def test_settings_extend_the_list_with_keep(tmp_path: Path) -> None:
    text = "Tell the SIRO and the DfE."
    assert flagged(lint_text(text, ruleset_with(tmp_path, ""), "doc.md", "markdown")) == ["SIRO", "DfE"]
    rs = ruleset_with(tmp_path, "keep: [SIRO, DfE]\n")
    assert flagged(lint_text(text, rs, "doc.md", "markdown")) == []


def test_a_formula_head_without_its_number_is_still_an_acronym(lint) -> None:
    assert flagged(lint("The CO office opens at 9.")) == ["CO"]
    assert flagged(lint("The CO 12 form is due.")) == ["CO"]


# -- a person's initials ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The painting is by JMW Turner, one of Britain's greatest painters. Turner gave it to the nation.",
        "FW de Klerk was the last president before the first free election. De Klerk and Mandela shared a prize.",
        "The film is directed by JJ Abrams. Abrams said the story came first.",
    ],
)
def test_a_persons_initials_are_not_an_acronym(lint, text: str) -> None:
    assert flagged(lint(text)) == []


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        # the word after it is an everyday word, written in small letters elsewhere
        ("Ask CSU Services for help. The services team will reply. Services are free.", "CSU"),
        # a title of several words, not a surname
        ("Use AWS Key Management for keys. Key rotation is yearly.", "AWS"),
        # used once without the "surname"
        ("Ask JJ Abrams. Abrams will reply, and JJ will help.", "JJ"),
        # the "surname" never stands alone
        ("The CQC Manager wrote to us.", "CQC"),
        # with the same word after it, but also a different one
        ("Email FW Smith. Smith works in the FW team.", "FW"),
    ],
)
def test_capitals_before_a_name_are_still_an_acronym_when_not_initials(lint, text: str, acronym: str) -> None:
    assert flagged(lint(text)) == [acronym]


@pytest.mark.parametrize(
    "text",
    [
        "Oil firms such as Total SA want the permits.",
        "The striker moved to FC Barcelona last year.",
        "He played for Chelsea FC for ten years.",
        "Ask Acme PLC for a quote.",
    ],
)
def test_a_legal_form_by_a_name_is_not_an_acronym(lint, text: str) -> None:
    assert flagged(lint(text)) == []


@pytest.mark.parametrize(("text", "acronym"), [("The SA team will call you.", "SA"), ("Our FC rules apply.", "FC")])
def test_the_same_letters_elsewhere_are_still_an_acronym(lint, text: str, acronym: str) -> None:
    assert flagged(lint(text)) == [acronym]
