"""Issue 21: a participant's justification reaches the workshop CSV as text, never as a formula."""

import csv
import io

from kedja.training import actions

ATTACK = '=HYPERLINK("http://x","y")'


def test_a_justification_starting_with_a_formula_reads_back_as_text(personas, session, join, client_for):
    participant = join(session, "Anna")
    actions.advance(acting_user=personas.olle, session=session)
    actions.advance(acting_user=personas.olle, session=session)
    options = list(session.current_question.options.all())
    data = {"question": 2, "options": [options[0].pk], "justification": ATTACK}
    participant.post(f"/training/play/{session.uuid}/answer/", data)
    client = client_for(personas.olle)
    client.post(f"/training/sessions/{session.uuid}/do/end/")
    text = client.get(f"/training/sessions/{session.uuid}/summary.csv").content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert "'" + ATTACK in cells and ATTACK not in cells
