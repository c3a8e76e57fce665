"""The sample action plans: invented partnerships and texts, modelled on the
structures published plans use. ``generate.py`` lays each out in a house
style and writes the records a correct extraction must give.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Action:
    text: str
    lead: str
    milestones: str
    target: str | None
    target_date: str | None  # the ISO value SCHEMA.md's rules give for ``target``
    status: str | None = None
    code: str | None = None
    scope: str | None = None
    outcome: str | None = None
    rag: str | None = None
    # Further printed rows with no reference of their own: (milestones, outcome).
    sub_rows: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Recommendation:
    number: str
    text: str
    actions: list[Action]
    section: str | None = None


# -- Northmoor: a ruled grid, merged recommendation cells, action codes -------
NORTHMOOR_TITLE = [
    "Northmoor Community Safety Partnership",
    "Domestic Homicide Review: Adult A",
    "Action Plan",
    "Agreed 14.2.22",
]
NORTHMOOR = [
    Recommendation(
        "1",
        "Frontline practitioners should recognise economic abuse as part of coercive control.",
        [
            Action(
                code="1A",
                scope="Local",
                text="Deliver briefings on economic abuse to housing officers, debt advisers and benefits staff.",
                lead="Northmoor Borough Council Housing Service",
                milestones="Briefing pack written with the specialist domestic abuse service.\nFour briefing sessions held and attendance recorded.",
                target="31.03.2022",
                target_date="2022-03-31",
            ),
            Action(
                code="1B",
                scope="Local",
                text="Add questions about control of money to the housing needs assessment form.",
                lead="Housing Options Manager",
                milestones="Form revised and published on the staff intranet.",
                target="Sept 22",
                target_date="2022-09",
            ),
            Action(
                code="1C",
                scope="County wide",
                text="Ask banks and building societies in the county to sign the financial abuse charter and name a contact for vulnerable customers.",
                lead="County Domestic Abuse Coordinator",
                milestones="Letters sent to branch managers. Charter launched at the county domestic abuse forum. Progress: six of nine branches have signed and named a contact; the remaining three have been written to again.",
                target="Ongoing; review by December 2022",
                target_date="2022-12",
                status="ongoing",
            ),
        ],
    ),
    Recommendation(
        "2",
        "Agencies should share information about high-risk victims promptly and record what was shared.",
        [
            Action(
                code="2A",
                scope="County wide",
                text="Review the information sharing agreement of the multi-agency risk assessment conference so that every partner signs it.",
                lead="MARAC Chair",
                milestones="Agreement reviewed by all partners. Signatures collected from every member agency. Progress: the revised agreement was signed by all twelve member agencies in May 2022 and is published on the partnership website.",
                target="May 2022",
                target_date="2022-05",
            ),
            Action(
                code="2B",
                scope="Local",
                text="Audit a sample of twenty MARAC cases to check that actions were recorded and followed up by each agency.",
                lead="Community Safety Partnership Manager",
                milestones="Audit tool agreed.\nTwenty cases audited.\nFindings reported to the partnership board with an improvement plan for the agencies where gaps were found.",
                target="Q3 2022/23",
                target_date="2022",
            ),
        ],
    ),
    Recommendation(
        "3",
        "GPs should ask about domestic abuse routinely and see patients alone at least once.",
        [
            Action(
                code="3A",
                scope="Local",
                text="Provide training on routine enquiry for every GP practice in the borough, including reception staff.",
                lead="Integrated Care Board Safeguarding Lead",
                milestones="Training programme commissioned from the specialist service.\nEvery practice has sent at least two staff.\nRoutine enquiry added to the practice safeguarding audit for the following year.",
                target="April 2022 and ongoing",
                target_date="2022-04",
                status="ongoing",
            ),
            Action(
                code="3B",
                scope="Local",
                text="Add a prompt to the patient record system asking whether the patient was seen alone.",
                lead="Integrated Care Board Digital Team",
                milestones="Prompt designed and tested with two practices.",
                target="30th June 2022 - completed",
                target_date="2022-06-30",
                status="complete",
            ),
        ],
    ),
    Recommendation(
        "4",
        "Children living with domestic abuse should be offered support in their own right.",
        [
            Action(
                code="4A",
                scope="County wide",
                text="Commission a therapeutic group programme for children aged 8 to 16 who have lived with domestic abuse, and make sure schools know how to refer to it.",
                lead="Director of Children's Services",
                milestones=(
                    "Needs assessment completed using referral data from the police, schools and children's social care. "
                    "Specification written with young people who have used similar services. "
                    "Provider selected through open tender.\n"
                    "Progress: the needs assessment found that around 900 children a year in the county are known to "
                    "agencies as living with domestic abuse, and that fewer than one in ten are offered support of their "
                    "own. The specification was shaped by a group of young people, who asked for sessions outside school "
                    "hours and for a worker who stays with them for the whole programme. The tender closed in the spring "
                    "and the contract starts in the autumn term, with the first groups running in three towns.\n"
                    "Referral guidance for schools will be issued with the designated safeguarding lead network before "
                    "the first groups start, and take-up will be reported to the partnership every quarter."
                ),
                target="Autumn 2023",
                target_date="2023",
            ),
            Action(
                code="4B",
                scope="Local",
                text="Designated safeguarding leads to record when a pupil is known to live with domestic abuse and review the support offered each term.",
                lead="Education Safeguarding Team",
                milestones="Guidance for designated safeguarding leads updated. Termly review added to the school safeguarding audit.",
                target="04/03/23",
                target_date="2023-03-04",
            ),
        ],
    ),
    Recommendation(
        "5",
        "The partnership should raise public awareness of where to get help.",
        [
            Action(
                code="5A",
                scope="Local",
                text="Run a campaign in pharmacies and supermarkets during the sixteen days of action.",
                lead="Northmoor Community Safety Partnership",
                milestones="Posters and cards distributed to forty outlets.",
                target="November 2022",
                target_date="2022-11",
            ),
            Action(
                code="5B",
                scope="National",
                text="Write to the Home Office asking that the national helpline number is printed on prescription bags.",
                lead="Chair of the Community Safety Partnership",
                milestones="Letter sent; reply awaited.",
                target="Immediate",
                target_date=None,
            ),
        ],
    ),
]


# -- Eastbridge: section title rows, an unlabelled number column, sub-rows ----
EASTBRIDGE_TITLE = ["Domestic Homicide Review", "EDHR 2021-03 Action Plan"]
EASTBRIDGE = [
    Recommendation(
        "1",
        "The Home Office should publish guidance on reviewing deaths where abuse by an adult child is suspected.",
        [
            Action(
                scope="National",
                text="",
                lead="Home Office",
                milestones="To be completed by the Home Office.",
                target=None,
                target_date=None,
            )
        ],
        section="Overview Report Recommendations",
    ),
    Recommendation(
        "2",
        "Eastbridge Safer Communities Partnership should commission training on child to parent abuse for all frontline staff, covering:\n• recognising abuse by adolescents and adult children;\n• the use of the domestic abuse risk assessment with parents;\n• where to refer parents for support.",
        [
            Action(
                scope="Local",
                text="Training commissioned from the regional domestic abuse service and offered to all partner agencies, with places reserved for youth justice, adult social care and the police.",
                lead="Eastbridge Safer Communities Partnership",
                milestones="Training specification agreed by the partnership board. Three cohorts trained during the year, with evaluation forms collected at the end of each session.",
                target="01/10/2021 and quarterly thereafter",
                target_date="2021-10-01",
                outcome="Training delivered to 240 practitioners. Evaluation shows greater confidence in asking parents about abuse.",
                rag="Green",
                status="complete",
            )
        ],
        section="Overview Report Recommendations",
    ),
    Recommendation(
        "1",
        "Practice staff should record who accompanies a patient to appointments.",
        [
            Action(
                scope="Local",
                text="Records show who was present at each consultation.",
                lead="Practice Manager",
                milestones="Reminder issued to all clinicians at the practice meeting.",
                target="Dec-21",
                target_date="2021-12",
                outcome="Complete",
                status="complete",
            )
        ],
        section="Individual Agency Recommendations – PRIMARY CARE",
    ),
    Recommendation(
        "2",
        "Patients who miss three appointments in a row should be contacted by a named clinician.",
        [
            Action(
                scope="Local",
                text="Missed appointment protocol revised and shared with every practice in the area.",
                lead="Safeguarding Lead GP",
                milestones="1. Protocol drafted.",
                target="End of March 2022",
                target_date="2022-03",
                outcome="Completed",
                rag="G",
                status="complete",
                sub_rows=[
                    ("2. Protocol approved by the clinical governance group.", "Completed"),
                    ("3. Audit of missed appointments after six months.", "In progress"),
                ],
            )
        ],
        section="Individual Agency Recommendations – PRIMARY CARE",
    ),
    Recommendation(
        "1",
        "Officers attending a domestic incident should complete the risk assessment with the victim alone.",
        [
            Action(
                scope="Local",
                text="Attending officers complete the risk assessment away from the suspect in every case.",
                lead="Detective Superintendent, Public Protection",
                milestones="Briefing added to the mandatory training for response officers. Dip sample of fifty incidents each quarter.",
                target="June 2022 (revised from Jan 2022)",
                target_date="2022-06",
                outcome="Dip samples show the assessment was done alone in 46 of 50 cases.",
                rag="Amber",
                status="ongoing",
            )
        ],
        section="Individual Agency Recommendations – EASTBRIDGE POLICE",
    ),
]


# -- Westvale: horizontal rules only, another column vocabulary, sub-action refs
WESTVALE_TITLE = [
    "Westvale Community Safety Partnership",
    "Domestic Homicide Review into the death of Mrs B",
    "Recommendations and Action Plan",
]
WESTVALE = [
    Recommendation(
        "R1",
        "Learning: adult social care did not consider the carer's own history of abuse.",
        [
            Action(
                code="R1.1",
                text="Include questions about the carer's relationship with the cared-for person in every carer's assessment.",
                lead="Head of Adult Social Care",
                milestones="Assessment template changed. Practitioners briefed at team meetings.",
                target="Spring 2022",
                target_date="2022",
                rag="G",
                status="complete",
            ),
            Action(
                code="R1.2",
                text="Audit twenty carer's assessments completed after the change.",
                lead="Principal Social Worker",
                milestones="Audit scheduled for the autumn.",
                target="Autumn 2022",
                target_date="2022",
                rag="A",
                status="ongoing",
            ),
        ],
    ),
    Recommendation(
        "R2",
        "Learning: the housing provider had no policy on domestic abuse between family members.",
        [
            Action(
                code="R2.1",
                text="Write a domestic abuse policy covering abuse between family members as well as partners, and train all tenancy officers in it.",
                lead="Westvale Homes, Director of Housing Management",
                milestones="Policy drafted with tenants and survivors. Policy approved by the board. Training delivered to all tenancy officers.",
                target="Within 6 months of publication",
                target_date=None,
                rag="R",
                status="ongoing",
            ),
        ],
    ),
    Recommendation(
        "R3",
        "Learning: the victim's own requests for help were not recorded consistently.",
        [
            Action(
                code="R3.1",
                text="Every agency to review how requests for help are logged at the first point of contact.",
                lead="All agencies",
                milestones="Each agency reports its review to the partnership.",
                target="31/01/2023",
                target_date="2023-01-31",
                rag="Not started",
                status=None,
            ),
        ],
    ),
]


# -- Southdown: no rules at all; agency headings as paragraphs; refs inside the
# recommendation text ("Recommendation No 2 …") -------------------------------
SOUTHDOWN_INTRO = (
    "This report summarises the review into the death of Ms C. The panel made recommendations for the "
    "agencies that knew her, set out below agency by agency. Each agency has agreed an action plan and reports "
    "progress to the Southdown Community Safety Partnership every quarter until every action is complete."
)
SOUTHDOWN = [
    Recommendation(
        "1",
        "Southdown Police to ensure that officers record the views of children present at domestic incidents.",
        [
            Action(
                text="Update the domestic abuse incident form with a section on children present.",
                lead="Chief Inspector, Safeguarding",
                milestones="",
                target="Completed",
                target_date=None,
                status="complete",
                outcome="Form updated in March 2021; compliance checked in the monthly audit.",
            )
        ],
        section="Agency: Southdown Police",
    ),
    Recommendation(
        "2",
        "Southdown Police to review how repeat callers are identified by the control room.",
        [
            Action(
                text="Introduce a repeat caller flag on the command and control system and brief all call handlers.",
                lead="Head of Contact Management",
                milestones="",
                target="31.03.2022",
                target_date="2022-03-31",
                status="ongoing",
                outcome="In progress: flag live, briefings continuing.",
            )
        ],
        section="Agency: Southdown Police",
    ),
    Recommendation(
        "3",
        "Southdown Hospitals Trust to ensure that emergency department staff ask about domestic abuse when a patient presents with an injury.",
        [
            Action(
                text="Routine enquiry prompt added to the emergency department triage record. Training for nursing staff on asking safely.",
                lead="Named Nurse for Adult Safeguarding",
                milestones="",
                target="Q2 2021/22",
                target_date="2021",
                status=None,
                outcome="Not started",
            )
        ],
        section="Agency: Southdown Hospitals NHS Trust",
    ),
    Recommendation(
        "4",
        "Southdown Hospitals Trust to share information with the GP when a patient discloses abuse.",
        [
            Action(
                text="Discharge summary template to include a safeguarding section that is sent to the GP.",
                lead="Deputy Director of Nursing",
                milestones="",
                target="Spring 2022",
                target_date="2022",
                status="complete",
                outcome="Complete",
            )
        ],
        section="Agency: Southdown Hospitals NHS Trust",
    ),
    Recommendation(
        "5",
        "Southdown Housing to train tenancy officers to recognise signs of abuse during home visits.",
        [
            Action(
                text="Deliver domestic abuse awareness sessions to all tenancy officers and add the topic to induction.",
                lead="Tenancy Services Manager",
                milestones="",
                target="Sept 22",
                target_date="2022-09",
                status="ongoing",
                outcome="Ongoing",
            )
        ],
        section="Agency: Southdown Housing",
    ),
]


# -- Riverside: a ruled grid whose later pages repeat no header; the
# "Recommendation" header spans the number column and the text column --------
RIVERSIDE_TITLE = ["Riverside Safer Communities Partnership", "DHR 07 – Action Plan (Overview and IMR recommendations)"]
RIVERSIDE = [
    Recommendation(
        str(n),
        text,
        [
            Action(
                text=action,
                lead=lead,
                milestones=progress,
                target=target,
                target_date=iso,
                rag=rag,
                status=status,
            )
        ],
    )
    for n, (text, action, lead, progress, target, iso, rag, status) in enumerate(
        [
            (
                "Review the multi-agency referral pathway for older victims of domestic abuse.",
                "Map the current pathway with partners and publish a revised version with clear routes for adults with care and support needs.",
                "Adult Safeguarding Board Manager",
                "Pathway mapped at a workshop with twelve agencies. Draft revised pathway circulated for comment. Final version due at the board meeting.",
                "December 2021",
                "2021-12",
                "Amber",
                "ongoing",
            ),
            (
                "Ensure that carers' assessments consider the risk of abuse by the carer.",
                "Revise the carers' assessment guidance and train assessors.",
                "Principal Social Worker",
                "Guidance revised. Two training sessions held for assessors in the adult social care teams.",
                "Sept 2021",
                "2021-09",
                "Green",
                "complete",
            ),
            (
                "Raise awareness among faith and community groups of how to respond to disclosures.",
                "Deliver a programme of community awareness sessions and produce a short guide in five community languages.",
                "Community Cohesion Officer",
                "Guide translated and printed. Eight sessions held in community venues across the borough, with further sessions planned in the spring.",
                "Spring 2022",
                "2022",
                "A",
                "ongoing",
            ),
            (
                "Improve the recording of interpreter use in health and social care contacts.",
                "Add a mandatory interpreter field to the case recording systems of the trust and the council.",
                "Head of Digital Services",
                "Change requests raised with both system suppliers. Field live in the council system; trust system update scheduled.",
                "Q3 2021/22",
                "2021",
                "A",
                "ongoing",
            ),
            (
                "Share the learning from this review with practitioners across the partnership.",
                "Hold learning events and publish a seven-minute briefing.",
                "Community Safety Partnership Manager",
                "Seven-minute briefing published. Two learning events held with 150 practitioners attending in total.",
                "March 2022",
                "2022-03",
                "G",
                "complete",
            ),
            (
                "Ask the Home Office to strengthen guidance on reviews where the victim was an older person.",
                "Letter from the chair of the partnership to the Home Office.",
                "Chair, Riverside Safer Communities Partnership",
                "Letter sent. Acknowledgement received; the Home Office will consider the point in the next revision of the statutory guidance.",
                "Immediate",
                None,
                "G",
                "complete",
            ),
        ],
        start=1,
    )
]

# Westvale's plan is longer than a page: a flowing table under one header.
WESTVALE += [
    Recommendation(
        f"R{n}",
        f"Learning: {text}",
        [
            Action(
                code=f"R{n}.1",
                text=action,
                lead=lead,
                milestones=progress,
                target=target,
                target_date=iso,
                rag=rag,
                status=status,
            )
        ],
    )
    for n, (text, action, lead, progress, target, iso, rag, status) in enumerate(
        [
            (
                "the GP practice did not follow up missed appointments for a patient known to be at risk.",
                "Introduce a missed appointment protocol for patients flagged as at risk of domestic abuse and audit its use every six months across all practices in the primary care network.",
                "Clinical Director, Primary Care Network",
                "Protocol drafted with the practice safeguarding leads. First audit planned. Practices asked to confirm that the at-risk flag is visible to reception staff as well as clinicians.",
                "End of March 2023",
                "2023-03",
                "A",
                "ongoing",
            ),
            (
                "the probation service did not share the perpetrator's history with the housing provider.",
                "Remind offender managers of the duty to share risk information with housing providers when an address is approved, and add a prompt to the address check template.",
                "Head of Probation Delivery Unit",
                "Briefing delivered at all team meetings. Address check template amended and in use since the start of the year.",
                "Dec-22",
                "2022-12",
                "G",
                "complete",
            ),
            (
                "friends and neighbours did not know where to report their concerns.",
                "Run a bystander awareness campaign with local employers, sports clubs and community venues, including social media and printed materials.",
                "Westvale Community Safety Partnership",
                "Campaign materials designed with survivors. Launch planned for the sixteen days of action with partners from the business forum.",
                "November 2023",
                "2023-11",
                "A",
                "ongoing",
            ),
        ],
        start=4,
    )
]


# -- Kingsford: after a page of prose, one ruled table with agency rows inside
# the body; a merged number and recommendation cell over un-coded actions ----
KINGSFORD_INTRO = (
    "The review panel met eight times. It considered reports from eleven agencies and spoke with the family, "
    "who asked that the recommendations below be published in full. The partnership accepted every recommendation "
    "and the agencies named have agreed the actions that follow."
)
KINGSFORD = [
    Recommendation(
        "1",
        "Kingsford Police to improve the response to repeat reports of stalking.",
        [
            Action(
                text="Stalking screening tool used for every report of harassment.",
                lead="Detective Inspector, Public Protection",
                milestones="",
                target="31.12.2022",
                target_date="2022-12-31",
                rag="Green",
                status="complete",
            ),
            Action(
                text="Refresher training for call handlers on recognising stalking.",
                lead="Contact Centre Training Manager",
                milestones="",
                target="Q4 2022/23",
                target_date="2023",
                rag="Amber",
                status="ongoing",
            ),
        ],
        section="Kingsford Police",
    ),
    Recommendation(
        "2",
        "Kingsford Police to share stalking risk information with the victim's employer where the victim agrees.",
        [
            Action(
                text="Consent-based information sharing letter template agreed with legal services.",
                lead="Head of Information Management",
                milestones="",
                target="March 2023",
                target_date="2023-03",
                rag="Red",
                status="ongoing",
            )
        ],
        section="Kingsford Police",
    ),
    Recommendation(
        "3",
        "Adult social care to ask about domestic abuse in every care act assessment.",
        [
            Action(
                text="Question added to the assessment template.",
                lead="Assistant Director, Adult Social Care",
                milestones="",
                target="June 2022",
                target_date="2022-06",
                rag="Green",
                status="complete",
            ),
            Action(
                text="Audit of thirty assessments to check the question is asked and answered.",
                lead="Quality Assurance Lead",
                milestones="",
                target="Dec 2022",
                target_date="2022-12",
                rag="Not started",
                status=None,
            ),
        ],
        section="Kingsford Adult Social Care",
    ),
]
