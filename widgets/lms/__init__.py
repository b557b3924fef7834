"""Question banks for learning management systems: QTI 1.2 (Canvas), Moodle XML and GIFT
(`python -m widgets.lms.bank --output DIR`).
"""
