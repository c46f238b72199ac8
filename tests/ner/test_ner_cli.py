"""``rasid train ner`` and ``rasid evaluate ner`` on a tiny hand-made CoNLL corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pycrfsuite", reason="python-crfsuite is needed for the NER tagger")

from rasid.cli import main
from rasid.ner.conll import Sentence, write
from rasid.ner.tagger import MODEL_NAME, CrfTagger, metadata_path

SENTENCES = [
    Sentence(("زار", "الوزير", "مدينة", "حلب", "أمس"), ("O", "O", "O", "B-LOC", "O")),
    Sentence(("قال", "سمير", "العلي", "إن"), ("O", "B-PERS", "I-PERS", "O")),
    Sentence(("أعلنت", "شركة", "النور", "للتجارة"), ("O", "B-ORG", "I-ORG", "I-ORG")),
    Sentence(("وصل", "الوفد", "إلى", "حلب"), ("O", "O", "O", "B-LOC")),
    Sentence(("ودفع", "مئة", "دولار"), ("O", "O", "B-MISC")),
] * 4


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.txt"
    with path.open("w", encoding="utf-8") as handle:
        write(SENTENCES, handle)
    return path


def test_train_ner_writes_a_model_the_tagger_and_evaluate_use(corpus: Path, tmp_path: Path,
                                                               capsys) -> None:
    out = tmp_path / "model"
    assert main(["train", "ner", "--conll", str(corpus), "--out", str(out),
                 "--cv", "2"]) == 0
    printed = capsys.readouterr().out
    assert "2-fold cross-validation (contiguous folds)" in printed
    for kind in ("PERS", "LOC", "ORG", "MISC", "PERS+LOC+ORG"):
        assert kind in printed
    model = out / MODEL_NAME
    meta = json.loads(metadata_path(model).read_text(encoding="utf-8"))
    assert meta["training"]["sentences"] == len(SENTENCES)
    assert meta["features"]["cues"] is True
    assert meta["knowledge_base"]["cue_words"] > 100
    assert set(meta["cross_validation"]["figures"]) >= {"PERS", "LOC", "ORG", "MISC"}
    assert CrfTagger.load(model).tag(["زار", "الوزير", "مدينة", "حلب", "أمس"])[3] == "B-LOC"

    assert main(["evaluate", "ner", str(corpus), "--model", str(model)]) == 0
    table = capsys.readouterr().out
    assert f"model {MODEL_NAME} (trained on tiny.txt, 20 sentences)" in table
    loc = next(line for line in table.splitlines() if line.startswith("LOC"))
    assert loc.split()[1:4] == ["1.000", "1.000", "1.000"]  # it has seen these sentences


def test_train_ner_refuses_one_fold_and_a_missing_file(corpus: Path, tmp_path: Path,
                                                       capsys) -> None:
    assert main(["train", "ner", "--conll", str(corpus), "--out", str(tmp_path),
                 "--cv", "1"]) == 2
    assert "at least 2 folds" in capsys.readouterr().err
    assert main(["train", "ner", "--conll", str(tmp_path / "none.txt"),
                 "--out", str(tmp_path)]) == 2
    assert "none.txt" in capsys.readouterr().err
    assert not (tmp_path / MODEL_NAME).exists()


def test_train_ner_refuses_an_untagged_corpus(tmp_path: Path, capsys) -> None:
    path = tmp_path / "untagged.txt"
    path.write_text("زار\nحلب\n\n", encoding="utf-8")
    assert main(["train", "ner", "--conll", str(path), "--out", str(tmp_path)]) == 2
    assert "untagged.txt: 1 sentences have no tags" in capsys.readouterr().err


def test_evaluate_ner_names_a_missing_gold_or_model(corpus: Path, tmp_path: Path,
                                                    capsys) -> None:
    assert main(["evaluate", "ner", str(tmp_path / "gold.txt")]) == 2
    assert "gold.txt: no such gold file" in capsys.readouterr().err
    assert main(["evaluate", "ner", str(corpus), "--model",
                 str(tmp_path / "none.crfsuite")]) == 2
    assert "none.crfsuite: no such model file" in capsys.readouterr().err


def test_evaluate_ner_refuses_an_untagged_gold(tmp_path: Path, capsys) -> None:
    path = tmp_path / "untagged.txt"
    path.write_text("زار\nحلب\n\n", encoding="utf-8")
    assert main(["evaluate", "ner", str(path)]) == 2
    assert "untagged.txt: 1 sentence(s) have no tags" in capsys.readouterr().err
