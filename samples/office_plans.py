"""Plans written the way councils write them in Word and Excel: invented
partnerships and texts, other vocabularies than ``plans.py``."""

from __future__ import annotations

from plans import Action, Recommendation

# -- Harbourside: a Word grid, merged recommendation cells, RAG column ---------
HARBOURSIDE_TITLE = [
    "Harbourside Community Safety Partnership",
    "DHR Mr E – Action Plan – Version 3.2",
    "Updated 19.3.18",
]
HARBOURSIDE = [
    Recommendation(
        "1",
        "All agencies should make sure that frontline staff can recognise stalking and harassment and refer victims to the specialist service.",
        [
            Action(
                code="1.1",
                text="Deliver stalking awareness sessions to neighbourhood officers and call handlers, using the specialist service's materials.",
                lead="Harbourside Police – Public Protection",
                milestones="Completed /Ongoing\n212 officers trained; refresher sessions planned for new starters.",
                target="31/03/18",
                target_date="2018-03-31",
                status="complete",
            ),
            Action(
                code="1.2",
                text="Add stalking screening questions to the adult social care front door triage form.",
                lead="Adult Social Care",
                milestones="Form changed and staff briefed.",
                target="June 2018",
                target_date="2018-06",
                rag="A",
                status="ongoing",
            ),
        ],
    ),
    Recommendation(
        "2",
        "The Clinical Commissioning Group should remind GP practices to record the name of any person who attends appointments with a patient.",
        [
            Action(
                code="2.1",
                text="Issue a practice bulletin and add the point to the annual safeguarding audit tool.",
                lead="CCG Designated Nurse",
                milestones="Bulletin issued in April; audit tool revised.",
                target="Quarter 1 2018/19",
                target_date="2018",
                rag="G",
                status="complete",
            )
        ],
    ),
    Recommendation(
        "3",
        "Housing providers should check for domestic abuse when a tenant reports repeated damage to a property, and record what they asked.",
        [
            Action(
                code="3.1",
                text="Revise the repairs reporting script so that call handlers ask a routine question about safety at home.",
                lead="Harbourside Homes",
                milestones="Script drafted with the domestic abuse service. Call handlers trained in two groups.",
                target="Sept 18",
                target_date="2018-09",
                rag="R",
                status="ongoing",
            ),
            Action(
                code="3.2",
                text="Audit twenty repairs cases each quarter for evidence that the question was asked.",
                lead="Harbourside Homes Tenancy Services Manager",
                milestones="First audit completed; findings shared with the partnership board.",
                target="Ongoing; first report by December 2018",
                target_date="2018-12",
                rag="A",
                status="ongoing",
            ),
            Action(
                code="3.3",
                text="Share the audit tool with the other registered providers in the borough.",
                lead="Community Safety Manager",
                milestones="Tool sent to four providers.",
                target="2019",
                target_date="2019",
            ),
        ],
    ),
    Recommendation(
        "4",
        "The partnership should publish a short guide for employers on supporting staff who are experiencing domestic abuse, and promote it through local business networks.",
        [
            Action(
                code="4.1",
                text="Write the guide with the chamber of commerce and two local employers; publish it on the partnership website.",
                lead="Community Safety Partnership",
                milestones="Draft agreed by the board.\nGuide published and launched at the business breakfast on 12 October 2018.",
                target="Autumn 2018",
                target_date="2018",
                status="complete",
                rag="G",
            ),
            Action(
                code="4.2",
                text="Offer a workplace champion course to the ten largest employers in the borough.",
                lead="Specialist Domestic Abuse Service",
                milestones="Six employers signed up; two courses delivered.",
                target="31st March 2019",
                target_date="2019-03-31",
                rag="A",
                status="ongoing",
            ),
        ],
    ),
]

# Harbourside's status without its RAG column: what the progress and target
# cells print ("Completed /Ongoing" first in a progress cell; "Ongoing; …").
HARBOURSIDE_PRINTED_STATUS = {"1.1": "complete", "3.2": "ongoing"}

# -- Millbrook: a borderless Word table, portrait, narrow columns ---------------
MILLBROOK_TITLE = [
    "Millbrook Safer Communities Partnership",
    "Domestic Homicide Review – Ms F",
    "Recommendations and Action Plan",
]
MILLBROOK = [
    Recommendation(
        "1",
        "Millbrook Safer Communities Partnership to commission a review of how multi-agency risk assessment conference referrals are made by health services.",
        [
            Action(
                text="Commission the review from the MARAC coordinator; report findings to the board with an improvement plan for each health provider.",
                lead="Safer Communities Manager",
                scope="Local",
                milestones="Terms of reference agreed. Review completed and presented to the board in March.",
                target="March 2020",
                target_date="2020-03",
                outcome="Complete",
                status="complete",
            )
        ],
    ),
    Recommendation(
        "2",
        "The ambulance service to make sure that crews record the presence and behaviour of any other adult at incidents involving injury to a woman at home.",
        [
            Action(
                text="Change the electronic patient record so that the field is mandatory, and brief crews through the clinical bulletin.",
                lead="Regional Ambulance Service Safeguarding Lead",
                scope="Regional",
                milestones="Change request approved by the clinical records group. Bulletin issued to all stations.",
                target="Dec-20",
                target_date="2020-12",
                outcome="In progress",
                status="ongoing",
            )
        ],
    ),
    Recommendation(
        "3",
        "Children's social care to review its guidance on assessing the risk posed by a parent's new partner, and train practitioners in its use.",
        [
            Action(
                text="Rewrite the practice guidance with the local safeguarding children partnership and deliver four workshops for social workers and team managers.",
                lead="Principal Social Worker",
                scope="County Wide",
                milestones="Guidance rewritten and signed off.\nFour workshops delivered; evaluation gathered from participants.",
                target="04/03/21",
                target_date="2021-03-04",
                outcome="Workshops delivered to 96 practitioners.",
            )
        ],
    ),
    Recommendation(
        "4",
        "The partnership to raise awareness of economic abuse among staff of banks, building societies and credit unions in Millbrook.",
        [
            Action(
                text="Hold a briefing for branch managers and give every branch a poster and referral card for the domestic abuse helpline.",
                lead="Millbrook Domestic Abuse Coordinator",
                scope="Local",
                milestones="Briefing held in June with eleven branches represented.",
                target="Summer 2021",
                target_date="2021",
                outcome="Ongoing",
                status="ongoing",
            )
        ],
    ),
    Recommendation(
        "5",
        "The Home Office to consider adding guidance on older victims of domestic abuse to the statutory guidance for the conduct of domestic homicide reviews.",
        [
            Action(
                text="The chair of the partnership to write to the Home Office with the review's findings on older victims.",
                lead="Chair, Millbrook Safer Communities Partnership",
                scope="National",
                milestones="Letter sent with the overview report.",
                target="When the report is published",
                target_date=None,
                outcome="Completed",
                status="complete",
            )
        ],
    ),
]

# -- Fenwick: an Excel tracker with title rows and print titles -----------------
FENWICK_TITLE = [
    "Fenwick Community Safety Partnership",
    "DHR 2019/02 – Recommendations tracker",
    "Position as at May 2022",
]
FENWICK = [
    Recommendation(
        "1",
        "All partner agencies to adopt the county routine enquiry policy and report quarterly on how often staff ask about domestic abuse.",
        [
            Action(
                text="Adopt the policy and add routine enquiry to induction for new staff.",
                lead="All agencies",
                milestones="Policy adopted by seven of nine agencies.",
                target="April 2020",
                target_date="2020-04",
                outcome="Two agencies still to confirm.",
                rag="Amber",
                status="ongoing",
            )
        ],
    ),
    Recommendation(
        "2",
        "Fenwick Council's housing options service to offer every applicant a private interview, away from any partner or family member.",
        [
            Action(
                text="Change the appointment letter and reception procedure; train reception staff.",
                lead="Housing Options Team Leader",
                milestones="Letter and procedure changed; reception staff trained.",
                target="01/09/2020",
                target_date="2020-09-01",
                outcome="Completed September 2020.",
                rag="Green",
                status="complete",
            )
        ],
    ),
    Recommendation(
        "3",
        "The probation service to share information about a perpetrator's release with the victim's support worker at least ten days before release.",
        [
            Action(
                text="Agree a notification protocol between probation and the independent domestic violence advisers.",
                lead="Probation Head of Service",
                milestones="Protocol drafted; awaiting sign-off by the reducing reoffending board.",
                target="Q3 2020/21",
                target_date="2020",
                outcome=None,
                rag="Red",
                status="ongoing",
            )
        ],
    ),
    Recommendation(
        "4",
        "The partnership to evaluate the impact of the review's recommendations one year after publication and publish a short report.",
        [
            Action(
                text="Collect evidence from each agency and write an impact report for the board.",
                lead="Community Safety Partnership Analyst",
                milestones="Evidence requested from agencies.",
                target="2022",
                target_date="2022",
                outcome="Not started",
                rag=None,
                status=None,
            )
        ],
    ),
]

# -- Ashdown: agency sections as merged rows, references restarting per agency --
ASHDOWN_TITLE = [
    "Ashdown Community Safety Partnership",
    "Domestic Homicide Review 'Jane' – Single agency recommendations",
]
_POLICE = "Northshire Police"
_ICB = "Ashdown Integrated Care Board"
_CSC = "Children's Social Care"
ASHDOWN = [
    Recommendation(
        "NP1",
        "Officers attending a domestic incident to complete the risk checklist with the victim away from the suspect.",
        [
            Action(
                text="Brief response officers through the daily briefing system and check a sample of checklists each month.",
                lead="Detective Inspector, Safeguarding Hub",
                milestones="Briefing issued. Monthly dip sample in place.",
                target="Jan-23",
                target_date="2023-01",
                rag="Complete",
                status="complete",
            )
        ],
        section=_POLICE,
    ),
    Recommendation(
        "NP2",
        "The force to make sure that a history of non-fatal strangulation is flagged on the domestic abuse record.",
        [
            Action(
                text="Add a strangulation marker to the domestic abuse record and train supervisors to check it.",
                lead="Head of Public Protection",
                milestones="Marker designed; awaiting system release.",
                target="Summer 2023",
                target_date="2023",
                rag="In progress",
                status="ongoing",
            )
        ],
        section=_POLICE,
    ),
    Recommendation(
        "ICB1",
        "GP practices to use the safeguarding template when a patient discloses domestic abuse, so that disclosures are coded and visible to the practice team.",
        [
            Action(
                text="Circulate the template with a short guide and include its use in the annual practice safeguarding audit.",
                lead="Named GP for Safeguarding Adults",
                milestones="Guide circulated to all 38 practices.",
                target="31.03.2023",
                target_date="2023-03-31",
                rag="Ongoing",
                status="ongoing",
            )
        ],
        section=_ICB,
    ),
    Recommendation(
        "CSC1",
        "Social workers to record the views of the child about each adult living in the household.",
        [
            Action(
                text="Amend the assessment template and audit twenty assessments after three months.",
                lead="Head of Quality Assurance",
                milestones="Template amended. Audit planned for June.",
                target="June 2023",
                target_date="2023-06",
                rag=None,
                status=None,
            )
        ],
        section=_CSC,
    ),
    Recommendation(
        "CSC2",
        "Managers to make sure that a strategy discussion is held whenever a child is present at a domestic incident involving a weapon.",
        [
            Action(
                text="Reissue the threshold guidance and remind team managers at the service meeting.",
                lead="Service Manager, Front Door",
                milestones="Guidance reissued; discussed at the service meeting in April.",
                target="April 2023",
                target_date="2023-04",
                rag="Completed",
                status="complete",
            )
        ],
        section=_CSC,
    ),
]

# -- Corbridge: a long borderless Word plan, nine narrow columns ----------------
# Sixteen recommendations composed from the parts below, so that cells run to
# many lines and several paragraphs, as real plans' do.
_AGENCIES = [
    ("Corbridge Police", "Detective Chief Inspector, Public Protection"),
    ("Corbridge Council Housing", "Head of Housing Needs"),
    ("Adult Social Care", "Principal Social Worker"),
    ("Children's Services", "Head of Safeguarding"),
    ("Integrated Care Board", "Designated Nurse, Safeguarding Adults"),
    ("Corbridge Hospitals NHS Trust", "Named Nurse for Domestic Abuse"),
    ("Probation Service", "Head of Public Protection Unit"),
    ("Community Safety Partnership", "Domestic Abuse Strategy Manager"),
]
_TOPICS = [
    ("recognise and respond to coercive and controlling behaviour", "a training module on coercive control"),
    ("ask about domestic abuse routinely at first contact", "a routine enquiry prompt in the assessment record"),
    ("share information with the MARAC within two working days", "a MARAC referral checklist and a monthly audit"),
    ("consider the risk from a perpetrator's access to weapons", "a weapons question in the risk assessment"),
]
_TARGETS = [
    ("March 2023", "2023-03", None),
    ("Ongoing – review at each board meeting", None, "ongoing"),
    ("30/06/2023", "2023-06-30", None),
    ("Q2 2023/24", "2023", None),
]
CORBRIDGE_TITLE = ["Corbridge Community Safety Partnership", "Domestic Homicide Review – Mrs G", "Action Plan"]
CORBRIDGE = [
    Recommendation(
        str(n + 1),
        f"{agency} should make sure that its staff {topic} when working with adults at risk, and should be able to show the "
        f"partnership that this happens in practice.",
        [
            Action(
                text=f"Introduce {tool}.\nBrief every team on what has changed and why, using the learning from this review.",
                lead=lead,
                scope=("Local", "County wide", "Regional", "Local")[n % 4],
                milestones=(
                    f"Draft of {tool} agreed with the domestic abuse service.\n"
                    f"Pilot in two teams, with feedback from staff and from people who use the service.\n"
                    f"Roll-out to all teams and an audit of twenty cases after three months."
                ),
                target=_TARGETS[n % 4][0],
                target_date=_TARGETS[n % 4][1],
                outcome=("Pilot completed; roll-out under way." if n % 3 == 0 else None),
                # "Pilot completed" in the outcome makes it complete, whatever the target says.
                status="complete" if n % 3 == 0 else _TARGETS[n % 4][2],
                rag=None,
            )
        ],
    )
    for n, ((agency, lead), (topic, tool)) in enumerate(
        (_AGENCIES[i % len(_AGENCIES)], _TOPICS[i % len(_TOPICS)]) for i in range(16)
    )
]

# -- Dunmore: key–value blocks, one small Word table per recommendation --------
DUNMORE_TITLE = ["Dunmore Safer Partnership", "Domestic Homicide Review – Mr H", "Action Plan"]
DUNMORE = [
    Recommendation(
        "1",
        "The partnership to commission training for GP practice staff on recognising domestic abuse in older couples.",
        [
            Action(
                text="Commission the training from the specialist service and offer it to every practice.",
                lead="Dunmore Integrated Care Board",
                milestones="Training commissioned; first sessions delivered in May.",
                target="September 2024",
                target_date="2024-09",
                outcome="Ongoing",
                status="ongoing",
            )
        ],
    ),
    Recommendation(
        "2",
        "Adult social care to record the carer's relationship to the person cared for in every carer's assessment.",
        [
            Action(
                text="Add a mandatory field to the carer's assessment and brief assessors.",
                lead="Head of Adult Social Care",
                milestones="Field added to the case record system.",
                target="31/12/2024",
                target_date="2024-12-31",
                outcome="Completed",
                status="complete",
            )
        ],
    ),
    Recommendation(
        "3",
        "The police to review how officers identify repeat callers who are older victims of domestic abuse.",
        [
            Action(
                text="Run a report of repeat callers aged over 65 each month and review them at the daily risk meeting.",
                lead="Dunmore Police Safeguarding Unit",
                milestones="Report designed and tested.\nMonthly reviews started.",
                target="March 2025",
                target_date="2025-03",
                outcome=None,
                status=None,
            )
        ],
    ),
]

# -- Elmstead: Word, one table per agency under a heading paragraph, the
# references numbered by Word's list numbering (not typed) ----------------------
ELMSTEAD_TITLE = ["Elmstead Community Safety Partnership", "Domestic Homicide Review – Ms K", "Action Plan"]
_ELM_POLICE = "Elmstead Constabulary"
_ELM_HOUSING = "Elmstead Homes"
_ELM_HEALTH = "Elmstead and District NHS Trust"
ELMSTEAD = [
    Recommendation(
        "1",
        "Call handlers to ask every caller reporting a domestic incident whether children live at the address.",
        [
            Action(
                text="Add the question to the call script and check twenty calls a month for six months.",
                lead="Control Room Manager",
                milestones="Script changed in March; first dip sample showed 17 of 20 asked.",
                target="September 2024",
                target_date="2024-09",
                status="ongoing",
                outcome="Ongoing",
            )
        ],
        section=_ELM_POLICE,
    ),
    Recommendation(
        "2",
        "The force to share the outcome of every domestic abuse arrest with the victim's specialist worker within one working day.",
        [
            Action(
                text="Agree a notification route with the domestic abuse service and add it to the custody checklist.",
                lead="Superintendent, Public Protection",
                milestones="Route agreed and in the checklist.",
                target="30/06/2024",
                target_date="2024-06-30",
                status="complete",
                outcome="Complete",
            )
        ],
        section=_ELM_POLICE,
    ),
    Recommendation(
        "3",
        "Housing officers to offer a private conversation to any tenant who asks to move because of neighbour disputes.",
        [
            Action(
                text="Change the transfer request form and brief the neighbourhood teams.",
                lead="Head of Tenancy Services",
                milestones="Form changed; briefings held in two of three areas.",
                target="Q3 2024/25",
                target_date="2024",
                status="ongoing",
                outcome="In progress",
            )
        ],
        section=_ELM_HOUSING,
    ),
    Recommendation(
        "4",
        "Maternity staff to see every pregnant woman alone at least once and ask about domestic abuse.",
        [
            Action(
                text="Build the question into the booking appointment and audit the records quarterly.",
                lead="Head of Midwifery",
                milestones="Booking template updated; first audit due in October.",
                target="October 2024",
                target_date="2024-10",
                status=None,
                outcome=None,
            )
        ],
        section=_ELM_HEALTH,
    ),
    Recommendation(
        "5",
        "Emergency department staff to refer patients who disclose abuse to the hospital's independent domestic violence adviser.",
        [
            Action(
                text="Place the adviser's referral route on the department's intranet page and in the triage checklist.",
                lead="Named Nurse, Adult Safeguarding",
                milestones="Referral route published.",
                target="Summer 2024",
                target_date="2024",
                status="complete",
                outcome="Completed",
            )
        ],
        section=_ELM_HEALTH,
    ),
]

# -- Greyfield: an Excel tracker with agency rows merged across the sheet, a
# hidden notes column, a withdrawn recommendation's row hidden, and target
# dates kept as dates ---------------------------------------------------------
GREYFIELD_TITLE = ["Greyfield Safer Communities", "DHR 2020/04 – Recommendations tracker"]
GREYFIELD_HIDDEN = (
    "Withdrawn: the panel agreed this recommendation duplicated the county protocol.",
    "Internal note: not for publication.",
)
GREYFIELD = [
    Recommendation(
        "1",
        "Probation to check police call-out records before every supervision session with a domestic abuse perpetrator.",
        [
            Action(
                text="Give offender managers read access to the call-out log and add the check to the session record.",
                lead="Head of Probation Delivery Unit",
                milestones="Access granted to all offender managers.",
                target="31/03/2021",
                target_date="2021-03-31",
                status="complete",
                rag="Green",
            )
        ],
        section="Greyfield Probation Service",
    ),
    Recommendation(
        "2",
        "Offender managers to tell the victim's adviser when a perpetrator's address changes.",
        [
            Action(
                text="Add the adviser to the change of circumstances notification list.",
                lead="Senior Probation Officer",
                milestones="Notification list updated; checked at the quarterly audit.",
                target="30/06/2021",
                target_date="2021-06-30",
                status="ongoing",
                rag="Amber",
            )
        ],
        section="Greyfield Probation Service",
    ),
    Recommendation(
        "3",
        "The council's adult social care front door to ask about domestic abuse when a carer asks for respite.",
        [
            Action(
                text="Add the question to the respite request form and train the front door team.",
                lead="Front Door Team Manager",
                milestones="Form changed; training booked for May.",
                target="31/05/2021",
                target_date="2021-05-31",
                status="ongoing",
                rag="Red",
            )
        ],
        section="Greyfield Council Adult Social Care",
    ),
]

# -- Lindow: Word's default table (equal narrow columns), a header on two rows
LINDOW_TITLE = ["Lindow Community Safety Partnership", "Domestic Homicide Review – Mr L – Action Plan"]
LINDOW = [
    Recommendation(
        "R1",
        "Neighbourhood policing teams should recognise coercive behaviour when attending repeat noise complaints.",
        [
            Action(
                text="Commission a briefing for neighbourhood sergeants and record attendance.",
                lead="Superintendent, Neighbourhood Policing",
                milestones="",
                target="31/10/2022",
                target_date="2022-10-31",
                outcome="Completed 14/10/22",
                status="complete",
            )
        ],
    ),
    Recommendation(
        "R2",
        "Community mental health teams should involve families in safety planning where it is safe to do so.",
        [
            Action(
                text="Revise the safety planning procedure and audit its use.",
                lead="Lindow Partnership NHS Foundation Trust",
                milestones="",
                target="March 2023",
                target_date="2023-03",
                outcome="Procedure revised; audit ongoing",
                status="ongoing",
            )
        ],
    ),
    Recommendation(
        "R3",
        "The partnership should publish its commissioning intentions for specialist domestic abuse services.",
        [
            Action(
                text="Agree the commissioning statement at the partnership board.",
                lead="Community Safety Manager",
                milestones="",
                target="Summer 2023",
                target_date="2023",
            )
        ],
    ),
]

# An overview report: prose chapters, the recommendations listed in the
# text, and the plan as an appendix. Straight apostrophes, and a place's
# name wider than the lead column it is printed in.
RAVENSHOLME_TITLE = ["Domestic Homicide Review into the death of 'Anna'", "Overview Report"]
RAVENSHOLME_PROSE = (
    "The review panel met on six occasions between March and November. Agencies provided chronologies and "
    "individual management reviews, and the family of the victim contributed through meetings with the chair. "
    "The panel considered the contact each agency had with the victim and the perpetrator over the five years "
    "before her death, and the opportunities there were to identify the abuse and to respond to it."
)
RAVENSHOLME = [
    Recommendation(
        "1",
        "Ravensholme CSP should ensure that agencies understand the risks posed when a victim separates from an "
        "abusive partner.",
        [
            Action(
                code="1.1",
                scope="Local",
                text="Deliver a briefing on separation and risk to frontline practitioners.",
                lead="Ravensholme CSP – DA Coordinator",
                milestones="Briefing written; sessions booked",
                target="31st March 2024",
                target_date="2024-03-31",
                outcome="Complete - 120 staff attended",
                rag="Green",
                status="complete",
            ),
            Action(
                code="1.2",
                scope="Local",
                text="Include separation as a risk factor in the partnership's DA training offer.",
                lead="Learning and Development Lead",
                milestones="Training materials revised",
                target="Autumn 2024",
                target_date="2024",
                outcome="Ongoing",
                rag="Amber",
                status="ongoing",
            ),
        ],
    ),
    Recommendation(
        "2",
        "The Ravensholme Hospitals NHS Foundation Trust should improve routine enquiry in its emergency department.",
        [
            Action(
                code="2.1",
                scope="Local",
                text="Audit routine enquiry in ED records every quarter and report to the Safeguarding Committee.",
                lead="Named Nurse Safeguarding Adults",
                milestones="First audit June 2024",
                target="June 2024",
                target_date="2024-06",
                outcome="Audit completed 12/06/24; 64% compliance",
                rag="Green",
                status="complete",
            ),
            Action(
                code="2.2",
                scope="Local",
                text="Introduce a prompt on the ED triage system.",
                lead="Head of Digital Services",
                milestones="System change requested",
                target="December 2024",
                target_date="2024-12",
                rag="Red",
                status="ongoing",
            ),
        ],
    ),
    Recommendation(
        "3",
        "The Home Office should review the statutory guidance on DHRs to include the role of employers.",
        [
            Action(
                code="3.1",
                scope="National",
                text="Chair of the CSP to write to the Home Office.",
                lead="CSP Chair",
                milestones="Letter drafted",
                target="September 2024",
                target_date="2024-09",
                outcome="Letter sent 02/09/24",
                rag="Green",
                status="complete",
            )
        ],
    ),
    Recommendation(
        "4",
        "Housing providers should have a policy on managing tenancies where domestic abuse is disclosed.",
        [
            Action(
                code="4.1",
                scope="Local",
                text="Ravensholme Homes to adopt a domestic abuse policy and train its housing officers.",
                lead="Ravensholme Homes – Head of Tenancy Services",
                milestones="Policy drafted; board approval sought",
                target="March 2025",
                target_date="2025-03",
                outcome="In progress",
                rag="Amber",
                status="ongoing",
            ),
            Action(
                code="4.2",
                scope="Local",
                text="Seek accreditation from the Domestic Abuse Housing Alliance.",
                lead="Ravensholme Homes",
                milestones="",
                target="2025",
                target_date="2025",
            ),
        ],
    ),
]

# An Excel tracker too wide for its paper, printed without "fit to width":
# its columns on three pages side by side, its rows down two.
OAKHURST_TITLE = "Oakhurst Community Safety Partnership – DHR 'Beth' – Action plan tracker"
_OAK_ROWS = [
    ("Agencies should ensure that staff ask about domestic abuse when a client discloses a new relationship.",
     "Add a prompt to the adult social care assessment form.", "Oakhurst Council – Adult Social Care",
     "30/09/2023", "2023-09-30", "Prompt added to the case system 01/09/23.", "Complete"),
    ("The CSP should commission a programme for people who use abusive behaviour.",
     "Tender the programme with the Police and Crime Commissioner.", "CSP Manager",
     "31/03/2024", "2024-03-31", "Tender out; award due in March.", "Ongoing"),
    ("GP practices should record disclosures of abuse in the same way.",
     "Issue coding guidance to every practice.", "ICB Designated Nurse",
     "Summer 2023", "2023", "Guidance drafted and shared with practice managers.", "Ongoing"),
    ("Oakhurst Homes should train all housing officers to recognise economic abuse.",
     "Deliver the accredited housing training.", "Oakhurst Homes", "30/06/2024", "2024-06-30", "", ""),
    ("The police should review how repeat calls from one address are graded by the control room.",
     "Dip sample of 50 repeat-call incidents.", "Oakhurst Police – Public Protection",
     "31/12/2023", "2023-12-31", "Sample completed; findings to the board in January.", "Complete"),
    ("Mental health services should involve families in safety planning where it is safe to do so.",
     "Revise the safety planning procedure.", "Oakhurst Mental Health Trust", "April 2024", "2024-04",
     "Procedure in draft.", "Ongoing"),
    ("The hospital should offer an independent domestic violence adviser to patients who disclose abuse.",
     "Fund a hospital IDVA post for two years.", "Oakhurst Hospitals Trust", "31/01/2024", "2024-01-31",
     "Post filled November 2023.", "Complete"),
    ("Probation should check with the police for call-outs before approving a release address.",
     "Add police checks to the address approval form.", "Probation Service – Oakhurst",
     "31/10/2023", "2023-10-31", "Form amended.", "Complete"),
    ("Schools should be told the next morning when a pupil was present at a domestic incident.",
     "Extend Operation Encompass to all secondary schools.", "Education Safeguarding Lead",
     "September 2023", "2023-09", "Live in 9 of 11 schools.", "Ongoing"),
    ("The CSP should publish the review's summary and share its learning with practitioners.",
     "Hold a learning event for practitioners across the partnership.", "CSP Manager",
     "March 2024", "2024-03", "Event held 12 March 2024.", "Complete"),
    ("Substance misuse services should ask every client about their relationships at home.",
     "Add routine enquiry to the drug and alcohol assessment.", "Oakhurst Recovery Service",
     "31/05/2024", "2024-05-31", "", "Ongoing"),
    ("Adult social care should offer carers' assessments to the older partners of people it supports.",
     "Brief all social workers on carers' rights.", "Principal Social Worker", "June 2024", "2024-06",
     "Briefings booked.", "Ongoing"),
    ("The council's revenues team should hold enforcement of council tax debt when a resident flees abuse.",
     "Agree a hold procedure with the enforcement agents.", "Head of Revenues", "December 2023", "2023-12",
     "Procedure agreed.", "Complete"),
    ("Housing options staff should ask every homeless applicant whether they are leaving an abusive relationship.",
     "Add the question to the triage form and report disclosures quarterly.", "Housing Options Manager",
     "31/08/2023", "2023-08-31", "Question added; 22 disclosures in the first quarter.", "Complete"),
    ("The ambulance service should pass concerns about abuse to the patient's GP.",
     "Copy every safeguarding referral to the GP practice.", "Ambulance Trust Safeguarding Lead",
     "January 2024", "2024-01", "System change requested.", "Ongoing"),
    ("Partners should agree one shared plan for a victim known to several agencies.",
     "Define the lead professional role in the multi-agency procedure.", "Oakhurst Safeguarding Partnership",
     "Autumn 2024", "2024", "", ""),
    ("The Partnership should write to the Home Office about the time reviews take to be quality assured.",
     "Letter from the chair.", "CSP Chair", "July 2023", "2023-07", "Letter sent 3 July 2023.", "Complete"),
    ("Employers in the borough should know how to support staff who experience abuse.",
     "Launch an employers' toolkit with the Chamber of Commerce.", "Community Safety Officer",
     "November 2023", "2023-11", "Toolkit launched; 30 employers signed up.", "Complete"),
    ("Children's social care should assess fathers and male partners in every child and family assessment.",
     "Add a section on all adults in the household to the assessment template.", "Head of Children's Social Care",
     "31/03/2024", "2024-03-31", "Template revised; audit in April.", "Ongoing"),
    ("The drug and alcohol service should take account of the risk to a partner when a client's use increases.",
     "Revise the risk section of the recovery plan.", "Oakhurst Recovery Service", "May 2024", "2024-05",
     "", "Ongoing"),
    ("Faith leaders should be offered a briefing on recognising and responding to domestic abuse.",
     "Run two briefings with the interfaith forum.", "Community Safety Officer", "Spring 2024", "2024",
     "One briefing held.", "Ongoing"),
    ("Pharmacies should display information about local domestic abuse support.",
     "Supply posters and counter cards to every pharmacy.", "Public Health Lead", "30/11/2023", "2023-11-30",
     "Supplied to 48 pharmacies.", "Complete"),
]  # fmt: skip
OAKHURST = [
    Recommendation(
        str(n),
        rec,
        [
            Action(
                text=action,
                lead=lead,
                milestones=update,
                target=target,
                target_date=iso,
                rag=status or None,
                status=status.lower() or None,
            )
        ],
    )
    for n, (rec, action, lead, target, iso, update, status) in enumerate(_OAK_ROWS, start=1)
]

# Each recommendation a full-width row over the rows of its actions, under
# full-width section rows.
THORNBURY_TITLE = ["Thornbury Community Safety Partnership", "Domestic Homicide Review – 'Carol' – Action Plan"]
_THORN_MULTI = "Multi-agency recommendations"
_THORN_SINGLE = "Single agency recommendations"
THORNBURY = [
    Recommendation(
        "1",
        "Thornbury CSP should ensure that practitioners understand the risk that separation poses to a victim.",
        [
            Action(code="1A", text="Deliver a briefing on separation and risk to frontline practitioners.",
                   lead="CSP Manager", milestones="Briefing delivered to 80 staff", target="March 2024",
                   target_date="2024-03", rag="Complete", status="complete"),
            Action(code="1B", text="Add separation as a risk factor to the partnership's risk assessment guidance.",
                   lead="MARAC Chair", milestones="Guidance in draft", target="June 2024", target_date="2024-06",
                   rag="Ongoing", status="ongoing"),
        ],
        section=_THORN_MULTI,
    ),
    Recommendation(
        "2",
        "Partners should agree how information about a perpetrator's new relationships is shared.",
        [
            Action(code="2A", text="Agree an information sharing protocol for disclosure decisions.",
                   lead="Thornbury Police – Public Protection", milestones="", target="September 2024",
                   target_date="2024-09", rag="Not started"),
        ],
        section=_THORN_MULTI,
    ),
    Recommendation(
        "3",
        "The hospital trust should introduce routine enquiry in its maternity services.",
        [
            Action(code="3A", text="Train midwives in routine enquiry and how to respond to a disclosure.",
                   lead="Head of Midwifery", milestones="Two sessions held", target="30/09/2024",
                   target_date="2024-09-30", rag="Ongoing", status="ongoing"),
            Action(code="3B", text="Audit the recording of enquiry at booking.", lead="Named Midwife",
                   milestones="", target="December 2024", target_date="2024-12"),
        ],
        section=_THORN_SINGLE,
    ),
    Recommendation(
        "4",
        "Thornbury Homes should adopt a domestic abuse policy and train its housing officers.",
        [
            Action(code="4A", text="Draft and approve the policy.", lead="Thornbury Homes",
                   milestones="Approved by the board in October", target="December 2024", target_date="2024-12",
                   rag="Complete", status="complete"),
            Action(code="4B", text="Train all housing officers.", lead="Thornbury Homes", milestones="",
                   target="March 2025", target_date="2025-03", rag="Ongoing", status="ongoing"),
        ],
        section=_THORN_SINGLE,
    ),
]  # fmt: skip


# -- Westholm: Word, no borders, cells of several paragraphs spaced as the rows are --
WESTHOLM_TITLE = ["Westholm Community Safety Partnership", "Domestic Homicide Review 'Dawn' – Action Plan"]
_W = "Westholm"
WESTHOLM = [
    Recommendation(
        "1",
        "Agencies in Westholm should share what they know of a victim's fear of a former partner before a risk assessment is closed.",
        [Action(scope="Local",
                text="Add a prompt to the risk assessment form.\nBrief every team that closes assessments on the prompt.\nCheck a sample of closed assessments after three months.",
                lead=f"{_W} Police", milestones="Form revised and issued.\nBriefings held for four teams.",
                target="June 2024", target_date="2024-06")],
    ),
    Recommendation(
        "2",
        "The housing service should ask every tenant who reports anti-social behaviour whether they feel safe at home.",
        [Action(scope="Local",
                text="Write the question into the first contact script.\nTrain the call handlers who use the script.",
                lead=f"{_W} Homes", milestones="Script updated.\nTraining booked for the spring.",
                target="September 2024", target_date="2024-09")],
    ),
    Recommendation(
        "3",
        "General practices should record a patient's disclosure of abuse so that every clinician in the practice can see it.",
        [Action(scope="County wide",
                text="Agree one code for a disclosure across the county's practices.\nShow practice managers where the code sits in the record.\nAudit its use in six practices.",
                lead="Integrated Care Board", milestones="Code agreed by the clinical leads.\nAudit planned for the autumn.",
                target="December 2024", target_date="2024-12")],
    ),
    Recommendation(
        "4",
        "The partnership should publish a short guide for employers on supporting staff who live with abuse.",
        [Action(scope="Local",
                text="Draft the guide with two local employers.\nPublish it on the partnership's website.\nLaunch it at the business forum.",
                lead=f"{_W} Community Safety Partnership", milestones="First draft written.\nForum date set.",
                target="March 2025", target_date="2025-03")],
    ),
    Recommendation(
        "5",
        "Adult social care should consider a carer's own safety when it reviews the care of the person they look after.",
        [Action(scope="Local",
                text="Add the carer's safety to the review template.\nRemind reviewing officers at their team meetings.",
                lead="Adult Social Care", milestones="Template changed.\nReminder sent to all reviewing officers.",
                target="July 2024", target_date="2024-07")],
    ),
    Recommendation(
        "6",
        "The probation service should tell the police when a person on licence begins a new relationship.",
        [Action(scope="Regional",
                text="Agree a standard notice between the two services.\nTest it in one office before it is used across the region.",
                lead="Probation Service", milestones="Notice drafted.\nTest office chosen.",
                target="October 2024", target_date="2024-10")],
    ),
    Recommendation(
        "7",
        "Schools should know when a pupil's parent is the subject of a multi-agency risk assessment conference.",
        [Action(scope="County wide",
                text="Extend the conference's notification to the designated safeguarding lead.\nGive leads guidance on how to use what they are told.\nReview the first year of notifications.",
                lead="Education Safeguarding Team", milestones="Notification agreed with the conference chair.\nGuidance issued.",
                target="April 2025", target_date="2025-04")],
    ),
]  # fmt: skip

# -- Keston: an Excel tracker whose header row is set too short: the
# "Recommendation" label wrapped in the narrow number column is cut at the
# cell's edge (the text column beside it has no label of its own).
KESTON_TITLE = ["Keston Safer Together Partnership", "DHR 'Fiona' – action plan, progress at 1 March 2024"]
_K_POLICE = "Keston Police"
KESTON = [
    Recommendation(
        "1",
        "Call handlers should ask whether children are present in the home on every domestic abuse call, and record the answer.",
        [Action(scope="Force wide",
                text="Add the question to the call handling script.\nCheck a sample of calls each month for three months.",
                lead=_K_POLICE, milestones="Script changed in the control room system.",
                target="Completed", target_date=None, outcome="12/10/2023 – dip sample found the question asked in 47 of 50 calls",
                status="complete")],
    ),
    Recommendation(
        "2",
        "The housing service should keep a joint tenant's request to be rehoused confidential from the other tenant.",
        [Action(scope="Local",
                text="Change the rehousing procedure so that letters go only to the person who applied.",
                lead="Keston Borough Council Housing", milestones="Procedure redrafted; legal advice taken on joint tenancies.",
                target="30/06/2024", target_date="2024-06-30", outcome="In progress",
                status="ongoing")],
    ),
    Recommendation(
        "3",
        "GP practices should offer a routine enquiry about abuse at antenatal and postnatal appointments.",
        [Action(scope="Local – Keston practices",
                text="Circulate the enquiry guidance through the practice safeguarding leads' network.\nInclude it in the next protected learning afternoon.",
                lead="Keston Integrated Care Board", milestones="Guidance circulated 4/12/23.",
                target="April 2024", target_date="2024-04")],
    ),
    Recommendation(
        "4",
        "The partnership should make sure its specialist services can see victims outside office hours.",
        [Action(scope="Keston wide",
                text="Map the hours each commissioned service is open.\nAgree an evening clinic with the outreach provider.",
                lead="Keston Safer Together Partnership", milestones="Mapping done; two providers asked to extend hours.",
                target="September 2024", target_date="2024-09")],
    ),
    Recommendation(
        "5",
        "Adult social care should check, before closing a safeguarding enquiry, that the adult knows how to get help again.",
        [Action(scope="Local",
                text="Add a closing checklist to the enquiry record.",
                lead="Adult Social Care", milestones="Checklist live on the case system from 1 February.",
                target="Completed", target_date=None, outcome="Audit of 20 closed enquiries, March 2024",
                status="complete")],
    ),
    Recommendation(
        "6",
        "The probation service should share its risk assessment with the victim's support worker when a perpetrator is released.",
        [Action(scope="Regional",
                text="Write the sharing step into the release planning guidance.\nTell victim liaison officers and specialist services of the change.",
                lead="Probation Service", milestones="",
                target="Ongoing; review by December 2024", target_date="2024-12",
                status="ongoing")],
    ),
    Recommendation(
        "7",
        "Emergency departments should record who accompanies a patient injured in circumstances that suggest assault.",
        [Action(scope="Local – Keston General Hospital",
                text="Add an 'accompanied by' field to the triage form.\nBrief triage nurses at their handovers.",
                lead="Keston Hospitals NHS Trust", milestones="Field added; briefing sheets printed.",
                target="31.05.2024", target_date="2024-05-31")],
    ),
    Recommendation(
        "8",
        "Schools should pass on a pupil's safeguarding file within five days when the pupil moves school.",
        [Action(scope="County wide",
                text="Remind designated safeguarding leads of the five-day rule.\nCheck transfers in the summer term.",
                lead="Education Safeguarding Team", milestones="Reminder in the spring bulletin.",
                target="Summer 2024", target_date="2024")],
    ),
    Recommendation(
        "9",
        "The Home Office should publish guidance on reviews where the victim took their own life after abuse.",
        [Action(scope="National",
                text="The partnership chair to write to the Home Office with this review's findings.",
                lead="Chair, Keston Safer Together Partnership", milestones="Letter sent 20/11/2023.",
                target="Completed", target_date=None, outcome="Reply received; guidance promised",
                status="complete")],
    ),
]  # fmt: skip

# -- Bryncoed: a Welsh partnership's plan, its labels printed in Welsh and
# English in one cell; printed again with a column of the review's learning
# beside the recommendations.
BRYNCOED_TITLE = ["Partneriaeth Diogelwch Cymunedol Bryncoed / Bryncoed Community Safety Partnership",
                  "Adolygiad Dynladdiad Domestig 2022/01 / Domestic Homicide Review 2022/01"]  # fmt: skip
BRYNCOED = [
    Recommendation(
        "1",
        "The health board should make sure that midwives ask about abuse when a woman attends alone.",
        [Action(text="Add the question to the booking and the 28-week checklists.", lead="Head of Midwifery",
                milestones="Checklists changed in the maternity record.", target="Mawrth 2023 / March 2023",
                target_date="2023-03", outcome="Complete", status="complete")],
    ),
    Recommendation(
        "2",
        "The police should tell the victim's specialist worker when a bail condition ends.",
        [Action(text="Agree a notification step with the specialist service.", lead="Detective Inspector, Public Protection",
                milestones="Draft step sent to the service for comment.", target="30/06/2023",
                target_date="2023-06-30", outcome="Ongoing", status="ongoing")],
    ),
    Recommendation(
        "3",
        "Housing officers should know how to refer a tenant to the local domestic abuse service.",
        [Action(text="Brief every housing officer at team meetings.\nAdd the referral route to the tenancy handbook.",
                lead="Bryncoed Housing Association", milestones="Four of six teams briefed.",
                target="Medi 2023 / September 2023", target_date="2023-09")],
    ),
    Recommendation(
        "4",
        "The partnership should offer its learning from this review in Welsh and English to all agencies.",
        [Action(text="Publish a seven-minute briefing in both languages.", lead="Bryncoed Community Safety Partnership",
                milestones="Briefing written; translation booked.", target="2023", target_date="2023")],
    ),
    Recommendation(
        "5",
        "GP practices should record who else is present when a patient discloses abuse.",
        [Action(text="Remind practices through the safeguarding leads' forum.\nAudit ten records in each practice.",
                lead="Primary Care Safeguarding Lead", milestones="", target="Rhagfyr 2023 / December 2023",
                target_date="2023-12")],
    ),
]  # fmt: skip
# What the review learnt, printed beside each recommendation in the second
# print (not a field of the record: the recommendation is).
BRYNCOED_LEARNING = {
    "1": "Ffion attended most appointments alone but was never asked about her relationship.",
    "2": "Her partner's bail ended without anyone supporting her being told.",
    "3": "Ffion asked twice to move and was given a repairs number.",
    "4": "Agencies said learning from earlier reviews had not reached front-line staff.",
    "5": "A disclosure to a practice nurse was made with her partner in the room.",
}
