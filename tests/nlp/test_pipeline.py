from sitrep.nlp import load_nlp


def test_real_spacy_pipeline_loaded_once_with_line_breaks_as_sentence_ends():
    nlp = load_nlp()
    assert nlp is load_nlp()
    assert {"parser", "ner", "sitrep_line_breaks"} <= set(nlp.pipe_names)
    doc = nlp("Taliban storm a provincial capital\n\nAfghan authorities said Wednesday that forces regained control.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Taliban storm a provincial capital"
    assert any(e.label_ == "DATE" and e.text == "Wednesday" for e in doc.ents)
