"""GIFT: escapes and comments, files written by hand in the documented syntax, Moodle's own fixture."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.bank import load_bank
from quizkit.bank.models import CaseGroup, Question
from quizkit.interop.bank_export import export_bank
from quizkit.interop.bank_import import import_bank
from quizkit.interop.gift import read_gift, write_gift
from tests.factories import fill_data, make_question, question_data, write_bank

# Written by hand from Moodle's GIFT documentation (docs.moodle.org/en/GIFT_format), not by our exporter.
ESCAPES = r"""// A header comment: the file's own notes, no question here.
// Another comment line.

$CATEGORY: $course$/top/行政许可法/期限

// [id:esc-1] [tag:转义] [tag:a\]b]
::Escapes \: all of them::Which of \{these\} has a \~tilde, an \= equals and a \# hash?{
    =the one with \~ and \= and \#  # right \: well done
    ~none of \{them\}
    ~a backslash \\ only
    ####General \: feedback\nsecond line
}

// a comment between questions
::TF::根据《行政许可法》，行政许可的实施应当遵循公开、公平、公正的原则。{T####第五条。
【依据】《行政许可法》第五条“公开、公平、公正、非歧视”}

Who is buried in Grant's tomb?{~Grant ~Jefferson =no one}

Grant is {~buried =entombed ~living} in Grant's tomb.

::multi::Which are primary colours?{
~%50%red
~%50%blue
~%-100%green
}

::H::[html]<p>Is <b>this</b> bold &amp; <i>right</i>?</p>{FALSE#[html]<p>no</p>}
"""


def test_escapes_comments_and_ids() -> None:
    parsed = read_gift(ESCAPES, "escapes.gift")
    assert not parsed.problems, [str(p) for p in parsed.problems]
    first, tf, grant, missing_word, multi, html = (d.data for d in parsed.drafts)
    assert first["id"] == "esc-1"
    assert first["stem"] == "Which of {these} has a ~tilde, an = equals and a # hash?"
    assert first["options"] == {
        "A": "the one with ~ and = and #",
        "B": "none of {them}",
        "C": "a backslash \\ only",
    }
    assert first["answer"] == "A"
    assert first["type"] == "single"
    assert first["explanation"].startswith("General : feedback\nsecond line")
    assert "A项：right : well done" in first["explanation"]
    assert first["tags"] == ["期限", "转义", "a]b"]
    assert parsed.drafts[0].law == "administrative-licensing"
    assert tf == {
        "id": None,
        "stem": "根据《行政许可法》，行政许可的实施应当遵循公开、公平、公正的原则。",
        "type": "judge",
        "answer": True,
        "explanation": "第五条。",
        "cite": {
            "law": "administrative-licensing",
            "article": 5,
            "quote": "公开、公平、公正、非歧视",
        },
        "tags": ["期限"],
    }
    assert grant["options"] == {"A": "Grant", "B": "Jefferson", "C": "no one"}
    assert grant["answer"] == "C"
    assert missing_word["stem"] == "Grant is _____in Grant's tomb."
    assert missing_word["answer"] == "B"
    assert multi["type"] == "multiple"
    assert multi["answer"] == ["A", "B"]
    assert html["stem"] == "Is this bold & right?"
    assert html["explanation"] == "答错时：no"
    assert parsed.drafts[1].where.line == 15  # the line of ::TF::, after its comment


def test_problems_are_reported_at_the_gift_line(tmp_path: Path) -> None:
    source = tmp_path / "bad.gift"
    source.write_text(
        "::ok::行政机关作出行政许可决定的一般期限是多少日？{\n=二十日\n~十日\n"
        "####一般为二十日。\n【依据】《行政许可法》第四十二条“二十日内”}\n\n"
        "::two right::Pick one.{=a =b ~c}\n\n"
        "::no close::Broken {=a ~b\n\n"
        "::bad cite::行政许可的期限是多少？{=二十日 ~十日####说明。\n【依据】《行政许可法》第四十二条“三十日内”}\n",
        encoding="utf-8",
    )
    from tests.conftest import LAWS_DIR, require_system_part

    present = (LAWS_DIR / "index.yaml").is_file()
    laws = LAWS_DIR if present else None
    result = import_bank(source, law="administrative-licensing", laws_dir=laws)
    messages = [str(p) for p in result.problems]
    assert any(m.startswith(f"{source.as_posix()}:7: two right:") for m in messages), messages
    assert any(f"{source.as_posix()}:9: no close: unbalanced" in m for m in messages), messages
    assert not any(":1:" in m for m in messages), messages
    require_system_part(
        present, f"the law texts at {LAWS_DIR}", "../shared/laws beside the project"
    )
    assert any(m.startswith(f"{source.as_posix()}:11:") and "三十日内" in m for m in messages)


def test_writer_escapes_what_gift_reserves() -> None:
    question = make_question(
        id="x-1",
        stem="a ~ b = c # d { e } f : g \\ h\nsecond line",
        options={"A": "=A", "B": "~B", "C": "#C", "D": "{D}"},
        answer="B",
        explanation="why: because {so}",
    )
    text = write_gift([("administrative-licensing", question)])
    parsed = read_gift(text, "out.gift")
    data = parsed.drafts[0].data
    assert data["stem"] == question.stem
    assert data["options"] == question.options
    assert data["answer"] == "B"
    assert data["explanation"] == question.explanation
    assert data["cite"] == {"law": "administrative-licensing", "article": 42, "quote": "二十日内"}


def test_case_groups_become_a_category_and_a_description() -> None:
    case = CaseGroup.model_validate(
        {
            "id": "xk-case-1",
            "type": "case",
            "scenario": "某镇便民服务中心窗口收到申请。",
            "tags": ["案例"],
            "questions": [make_question(id="xk-case-1-a").model_dump(exclude_none=True)],
        }
    )
    text = write_gift(
        [("administrative-licensing", case), ("administrative-licensing", make_question())]
    )
    assert "$CATEGORY: $course$/行政许可法/xk-case-1" in text
    parsed = read_gift(text, "c.gift")
    top = [d.data["id"] for d in parsed.drafts]
    assert top == ["xk-case-1", "xk-042-deadline"]
    scenario = parsed.drafts[0]
    assert scenario.data["scenario"] == case.scenario
    assert scenario.data["tags"] == ["案例"]
    assert [child.data["id"] for child in scenario.children] == ["xk-case-1-a"]
    assert scenario.children[0].data["tags"] == ["期限"]


def test_moodle_fixture_takes_every_supported_question(moodle_fixture: Path) -> None:
    result = import_bank(moodle_fixture, law="administrative-licensing")
    questions = _questions(result.text)
    data = {d["stem"]: d for d in questions}
    assert result.questions == 6
    q2 = next(d for d in questions if d["type"] == "single")
    assert q2["stem"] == "What's between orange and green in the spectrum?"
    assert q2["type"] == "single"
    assert q2["options"] == {"A": "yellow", "B": "red", "C": "blue"}
    assert q2["answer"] == "A"
    assert "right; good!" in q2["explanation"]
    colours = [d for d in questions if d["type"] == "multiple"]
    assert colours[0]["options"] == {"A": "yellow", "B": "red", "C": "off-beige", "D": "blue"}
    assert colours[0]["answer"] == ["A", "C"]
    q1 = next(d for stem, d in data.items() if stem.startswith("42 is the Absolute Answer"))
    assert q1["answer"] is False
    assert q1["explanation"].startswith("This is, of course, a Hitchiker's Guide")
    tsl = [d for d in _questions(result.text) if d["stem"] == "TSL is blablabla."]
    assert [d["answer"] for d in tsl] == [True, True]
    assert len({d["id"] for d in tsl}) == 2
    skipped = next(w for w in result.warnings if "skipped 3" in w)
    for name in ("Q8 (essay", "Moodle activities (matching", "Q5 (numerical"):
        assert name in skipped
    # the short answer is a 填空 with its one fully right answer; 50% and the * catch-all are not
    animal = data["Which is the best animal?____"]
    assert (animal["type"], animal["answer"]) == ("fill", [["Frog"]])
    assert "Good!" in animal["explanation"]
    assert any("Shortanswer: blank 1: answer 'Cat' (50%) dropped" in w for w in result.warnings)
    folded = [w for w in result.warnings if "per-answer feedback of" in w]
    assert len(folded) == 1
    assert folded[0].endswith(
        " question(s) added to the explanation (quizkit shows one explanation)"
    )
    # Moodle questions carry no citation: the checker asks for one, at each question's own line
    found = {(p.where.line, p.message.split(":")[0]) for p in result.problems}
    for line in (14, 22, 34, 41, 46, 49):
        assert (line, "cite.article is missing") in found
        assert (line, "cite.quote is missing") in found
    assert {line for line, message in found if message.startswith("the explanation")} == {46, 49}


def _questions(text: str) -> list[dict[str, object]]:
    import yaml

    return list(yaml.safe_load(text)["questions"])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_gift_files_in_any_windows_encoding(tmp_path: Path, encoding: str) -> None:
    source = tmp_path / "q.txt"
    source.write_bytes("::期限::一般期限是多少日？{=二十日 ~十日####说明。}\n".encode(encoding))
    result = import_bank(source, law="administrative-licensing")
    assert result.questions == 1
    assert (
        result.encoding
        == {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (with BOM)", "gbk": "GBK/GB18030"}[encoding]
    )
    assert "一般期限是多少日？" in result.text


def test_control_characters_are_refused_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "bank.gift"
    path.write_text("::q1::一加一等于二{T}\n\n::q2::甲\x0b乙{F}\n", encoding="utf-8")
    result = import_bank(path, law="administrative-licensing")
    assert (
        f"{path.as_posix()}:3: the line has the control character U+000B (invisible; delete it)"
        in [str(p) for p in result.problems]
    )


def test_export_escapes_html_so_moodle_shows_the_text() -> None:
    """Moodle renders GIFT question text as HTML: "<b>" must arrive as text, not as markup."""
    question = make_question(
        stem="<b>粗</b> & <script>x</script>？",
        options={"A": "a<br>b", "B": "&amp;", "C": "丙", "D": "丁"},
        explanation="见<第四十二条>",
    )
    text = write_gift([("administrative-licensing", question)])
    assert "[html]&lt;b&gt;粗&lt;/b&gt; &amp; &lt;script&gt;" in text
    assert "<b>" not in text and "<script>" not in text and "a<br>b" not in text
    assert "~a&lt;br&gt;b" in text and "~&amp;amp;" in text
    back = read_gift(text, "x.gift").drafts[0].data
    assert back["stem"] == question.stem
    assert back["options"] == question.options


def _fill(**overrides: object) -> Question:
    return Question.model_validate(fill_data(**overrides))


def test_a_one_blank_fill_is_a_short_answer_where_the_blank_stands() -> None:
    question = _fill(stem="应当自受理之日起____日内作出决定。", answer=[["二十", "20"]])
    text = write_gift([("administrative-licensing", question)])
    assert "::xk-042-fill::[html]应当自受理之日起{=二十 =20####" in text
    assert "}日内作出决定。" in text
    (draft,) = read_gift(text, "f.gift").drafts
    assert draft.data["type"] == "fill"
    assert draft.data["stem"] == question.stem
    assert draft.data["answer"] == [["二十", "20"]]
    assert draft.data["cite"] == question.cite.model_dump(exclude_none=True)


def test_a_fill_with_several_blanks_is_left_out_of_gift_with_a_warning(tmp_path: Path) -> None:
    write_bank(tmp_path / "bank", [fill_data(), question_data()])
    bank = load_bank(tmp_path / "bank")
    warnings = export_bank(bank, "gift", tmp_path / "out.gift")
    assert "GIFT has no 填空 with several blanks: 1 not written: xk-042-fill" in warnings
    text = (tmp_path / "out.gift").read_text(encoding="utf-8")
    assert "xk-042-deadline" in text and "xk-042-fill" not in text


def test_short_answers_with_partial_or_wildcard_answers_keep_only_the_full_ones() -> None:
    text = "::期限::一般期限是多少日？{=二十#对 =%50%三十#一半 =%100%二十*#通配}\n"
    parsed = read_gift(text, "s.gift")
    (draft,) = parsed.drafts
    assert draft.data["stem"] == "一般期限是多少日？____"
    assert draft.data["answer"] == [["二十"]]
    assert "填“二十”时：对" in draft.data["explanation"]
    notes = [w for w in parsed.warnings if w.startswith("s.gift:1: 期限: blank 1")]
    assert len(notes) == 2 and "'三十' (50%)" in notes[0] and "wildcards" in notes[1]
