"""Wording for the demo data, in the register of published review action plans (all fictional)."""

RECOMMENDATION_TEXTS = [
    "The partnership should seek assurance that practitioners record the lived experience and voice of the child in every assessment.",
    "Agencies should ensure that information about adults in the household is shared at the point of referral.",
    "The partnership should review the escalation policy so that professional disagreement is resolved within agreed timescales.",
    "Health partners should ensure safe-sleep advice is given and recorded at every contact with families of babies under one.",
    "The partnership should seek assurance that neglect is identified early using the graded care profile.",
    "Agencies should ensure that strategy discussions include all agencies that know the family, including education and health.",
    "Children's social care should ensure that assessments consider the impact of parental substance misuse on the child.",
    "The partnership should commission multi-agency training on coercive control and its impact on children.",
    "Agencies should ensure that supervision provides reflective challenge in cases of long-standing neglect.",
    "The partnership should seek assurance that transitions between children's and adult services are planned from age 16.",
    "The police should ensure that domestic abuse notifications are shared with schools before the next school day.",
    "The partnership should monitor the use of the 'was not brought' policy for missed health appointments.",
]

ACTION_TEXTS = {
    "Police": [
        "Brief all public protection officers on sharing domestic abuse notifications with schools (Operation Encompass).",
        "Add a prompt to the child-concern form to record the child's own account.",
        "Audit 20 domestic abuse incidents attended where children were present.",
    ],
    "Children's Social Care": [
        "Revise the assessment template to record the child's lived experience in their own words.",
        "Deliver practice workshops on parental substance misuse and its effect on children.",
        "Audit 30 assessments for use of the graded care profile.",
    ],
    "Acute Trust": [
        "Include safe-sleep advice in the postnatal discharge checklist.",
        "Train emergency department staff on the 'think family' approach.",
        "Audit recording of safeguarding conversations on the maternity ward.",
    ],
    "Integrated Care Board": [
        "Issue guidance to GP practices on the 'was not brought' policy.",
        "Seek assurance from commissioned services on safeguarding supervision.",
        "Report quarterly on named GP attendance at child protection conferences.",
    ],
    "Education": [
        "Brief designated safeguarding leads on the escalation policy.",
        "Include neglect indicators in the annual safeguarding training for school staff.",
        "Audit attendance follow-up for children on child in need plans.",
    ],
    "Community Health": [
        "Health visitors to use the graded care profile at every universal contact where neglect is suspected.",
        "Add safe-sleep assessment to the new-birth visit record.",
        "Audit health visiting records for the voice of the child.",
    ],
    "Probation Service": [
        "Check children's social care records at the start of every sentence plan for domestic abuse perpetrators.",
        "Train offender managers on risk to children from adults in the household.",
        "Audit home visits for cases with children in the household.",
    ],
    "Ambulance Service": [
        "Add a safeguarding referral prompt for unexplained injuries to non-mobile infants.",
        "Brief crews on recognising neglect during home attendances.",
        "Audit safeguarding referrals made by crews for quality of information.",
    ],
}

LEADS = {
    "Police": "Detective Chief Inspector, Public Protection",
    "Children's Social Care": "Head of Service, Children in Need",
    "Acute Trust": "Head of Safeguarding, Acute Trust",
    "Integrated Care Board": "Designated Nurse for Safeguarding Children",
    "Education": "Education Safeguarding Lead",
    "Community Health": "Named Nurse, Community Health",
    "Probation Service": "Head of Public Protection, Probation",
    "Ambulance Service": "Safeguarding Lead, Ambulance Service",
}

MEASURES = [
    "Re-audit shows improvement in at least 80% of cases sampled.",
    "All relevant staff trained, with attendance records provided to the sub-group.",
    "Practice guidance published and cascaded; compliance checked in the next multi-agency audit.",
    "Quarterly report to the sub-group shows the new process is in use.",
]
