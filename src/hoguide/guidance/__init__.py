"""Case to Assessment: one module per question, safety, questions for the doctor, and the engine."""
