"""The teacher's side: the results download (export), the hand-in drop box (handin), the class roll-up (rollup),
demo results, the teacher switch (personal_check) and the optional xAPI statements and LRS sender (xapi, lrs).
"""
