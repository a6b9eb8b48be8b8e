namespace DhrPortal.Generation;

/// <summary>
/// Word lists for the synthetic corpus. Places are invented from syllables and people are
/// "Adult A", "Adult B": nothing here names a real person or a real review.
/// </summary>
internal static class SyntheticData
{
    public static readonly string[] PlacePrefixes =
    [
        "Ash", "Bram", "Cal", "Dun", "Eld", "Fen", "Glen", "Hal", "Ivy", "Kel", "Lang", "Mar", "Nor", "Oak", "Pen",
        "Quen", "Ros", "Sel", "Thorn", "Ul", "Ver", "Wen", "Yar", "Brack", "Cold", "Elm", "Frost", "Gold", "Hart",
        "Kings", "Long", "Mill", "Red", "Stan", "Wool", "Bex", "Chad", "Dor", "Hollin", "Lark", "Mor", "Rook", "Shep",
        "Tarn", "Whit", "Alder", "Birch", "Cran", "Drey", "Ember", "Fox", "Grey", "Heron", "Lin", "Nether", "Otter",
        "Pike", "Rush", "Salt", "Wil",
    ];

    public static readonly string[] PlaceSuffixes =
    [
        "bridge", "ford", "ton", "ham", "field", "moor", "wick", "by", "stead", "cester", "bury", "mouth", "dale",
        "ley", "worth", "hurst", "combe", "wood", "gate", "holme", "well", "thorpe", "mere", "haven",
    ];

    public static readonly string[] WelshPrefixes = ["Aber", "Llan", "Pont", "Caer", "Tre", "Bryn", "Cwm", "Glyn", "Nant", "Rhos", "Pen", "Maes"];
    public static readonly string[] WelshSuffixes = ["gwyn", "fawr", "dewi", "wern", "coed", "afon", "maen", "ddu", "hir", "las", "teg", "bedr"];

    /// <summary>English regions and Wales, with how many police force areas each gets.</summary>
    public static readonly (string Region, string Nation, int Forces)[] Regions =
    [
        ("North East", "england", 3),
        ("North West", "england", 5),
        ("Yorkshire and the Humber", "england", 4),
        ("East Midlands", "england", 5),
        ("West Midlands", "england", 4),
        ("East of England", "england", 6),
        ("London", "england", 1),
        ("South East", "england", 5),
        ("South West", "england", 5),
        ("Wales", "wales", 4),
    ];

    /// <summary>Areas of the taxonomy: id, name, description, then themes (id, name, keywords, objects recommendations act on).</summary>
    public static readonly (string Id, string Name, string Description, (string Id, string Name, string[] Keywords, string[] Objects)[] Themes)[] Taxonomy =
    [
        ("risk", "Risk assessment and management", "How risk was identified, assessed, shared and managed.",
        [
            ("use-of-maracs", "Use of MARACs", ["MARAC", "risk assessment conference"], ["its referral pathway to the MARAC", "attendance at MARAC meetings", "the actions agreed at MARAC"]),
            ("risk-assessment-tools", "Risk assessment tools", ["DASH", "risk checklist"], ["its use of the risk checklist", "the way risk assessments are repeated", "guidance on scoring risk"]),
            ("risk-escalation", "Escalating risk", ["escalation", "high risk"], ["how rising risk is escalated", "its escalation policy", "the response to repeat incidents"]),
            ("stalking-and-harassment", "Stalking and harassment", ["stalking", "harassment"], ["the recognition of stalking behaviour", "its response to reports of harassment"]),
            ("coercive-control", "Coercive and controlling behaviour", ["coercive control", "controlling behaviour"], ["the recognition of coercive and controlling behaviour", "guidance on controlling behaviour"]),
        ]),
        ("information-sharing", "Information sharing", "Whether agencies knew what others knew, and when.",
        [
            ("sharing-between-agencies", "Sharing between agencies", ["information sharing", "data sharing"], ["its information sharing agreement", "how concerns are shared with partners"]),
            ("record-keeping", "Record keeping", ["records", "case notes"], ["the quality of its case records", "how domestic abuse is recorded"]),
            ("gp-information", "Information held by GPs", ["GP", "primary care records"], ["how GP practices flag domestic abuse", "the sharing of GP records with partners"]),
            ("consent-and-confidentiality", "Consent and confidentiality", ["consent", "confidentiality"], ["guidance on sharing without consent", "its confidentiality policy"]),
            ("disclosure-scheme", "Domestic abuse disclosure scheme", ["disclosure scheme", "right to know"], ["its use of the disclosure scheme", "awareness of the right to ask"]),
        ]),
        ("multi-agency-working", "Multi-agency working", "How agencies worked together around the family.",
        [
            ("partnership-coordination", "Partnership coordination", ["partnership", "coordination"], ["the coordination of partnership responses", "its lead professional arrangements"]),
            ("professional-curiosity", "Professional curiosity", ["curiosity", "asking questions"], ["the professional curiosity of its staff", "how staff explore disclosures"]),
            ("challenge-and-escalation", "Professional challenge", ["challenge", "disagreement"], ["its professional challenge procedure", "how disagreements between agencies are resolved"]),
            ("case-ownership", "Case ownership", ["lead agency", "case ownership"], ["who holds responsibility for a case", "the allocation of cases"]),
            ("commissioning", "Commissioning of services", ["commissioning", "funding"], ["the commissioning of specialist services", "funding for domestic abuse services"]),
        ]),
        ("workforce", "Training and workforce", "Whether staff had the knowledge, time and support they needed.",
        [
            ("training", "Training", ["training", "learning"], ["domestic abuse training for its staff", "refresher training for front-line staff"]),
            ("routine-enquiry", "Routine enquiry", ["routine enquiry", "asking about abuse"], ["routine enquiry about domestic abuse", "how staff ask about abuse"]),
            ("supervision", "Supervision and support", ["supervision", "reflective practice"], ["the supervision of practitioners", "reflective practice sessions"]),
            ("trauma-informed-practice", "Trauma-informed practice", ["trauma", "trauma-informed"], ["trauma-informed practice", "the training on trauma"]),
            ("awareness", "Public awareness", ["campaign", "awareness"], ["public awareness of domestic abuse", "information for neighbours, friends and employers"]),
        ]),
        ("health", "Health and wellbeing", "Health services' contact with the people involved.",
        [
            ("mental-health", "Mental health", ["mental health", "crisis team"], ["mental health assessments", "the crisis pathway", "discharge planning from mental health services"]),
            ("substance-use", "Alcohol and drug use", ["alcohol", "substance misuse"], ["the links between substance use and abuse", "its substance misuse pathway"]),
            ("primary-care", "Primary care", ["GP", "primary care"], ["the primary care response to disclosures", "how missed appointments are followed up"]),
            ("emergency-care", "Emergency and hospital care", ["emergency department", "hospital"], ["its emergency department procedures", "the role of the hospital advocate"]),
            ("suicide-prevention", "Suicide prevention", ["suicide", "self-harm"], ["the suicide prevention strategy", "its response to self-harm"]),
        ]),
        ("housing-and-money", "Housing and economic abuse", "Homes, money and the practical barriers to leaving.",
        [
            ("housing", "Housing and homelessness", ["housing", "homelessness"], ["its housing allocation policy", "the response to homelessness applications"]),
            ("economic-abuse", "Economic abuse", ["economic abuse", "financial control"], ["the recognition of economic abuse", "advice on financial control"]),
            ("welfare-benefits", "Welfare benefits", ["benefits", "universal credit"], ["how benefit claims flag domestic abuse", "support with welfare benefits"]),
            ("refuge-provision", "Refuge and safe accommodation", ["refuge", "safe accommodation"], ["access to refuge places", "safe accommodation for men and older people"]),
        ]),
        ("criminal-justice", "Criminal justice", "Policing, courts, prisons and probation.",
        [
            ("police-response", "Police response", ["police", "call handling"], ["the police response to calls", "how officers gather evidence", "call handling"]),
            ("bail-and-conditions", "Bail and conditions", ["bail", "conditions"], ["the setting of bail conditions", "how breaches of conditions are dealt with"]),
            ("probation", "Probation supervision", ["probation", "offender management"], ["probation supervision", "risk management plans for perpetrators"]),
            ("courts", "Courts and protective orders", ["court", "protective order"], ["the use of protective orders", "support for victims at court"]),
            ("perpetrator-programmes", "Perpetrator programmes", ["perpetrator programme", "behaviour change"], ["access to perpetrator programmes", "behaviour change work"]),
        ]),
        ("people-and-communities", "People and communities", "Who was affected, and what made help harder to reach.",
        [
            ("older-people", "Older people", ["older people", "carer"], ["its response to abuse of older people", "support for carers"]),
            ("disability", "Disability", ["disability", "reasonable adjustments"], ["reasonable adjustments for disabled people", "its response to disabled victims"]),
            ("culture-and-language", "Culture and language", ["interpreter", "culture"], ["the use of interpreters", "culturally specific services"]),
            ("lgbt-plus", "LGBT+ people", ["LGBT+", "same-sex relationships"], ["its response to abuse in same-sex relationships", "LGBT+ specialist support"]),
            ("children", "Children and young people", ["children", "young people"], ["the voice of the child", "support for children affected by abuse"]),
            ("family-and-friends", "Family, friends and colleagues", ["family", "friends", "employers"], ["information for family and friends", "how employers can respond"]),
        ]),
    ];

    /// <summary>National bodies: id, name, sector, aliases.</summary>
    public static readonly (string Id, string Name, string Sector, string[] Aliases)[] National =
    [
        ("home-office", "Home Office", "national-government", []),
        ("department-of-health-and-social-care", "Department of Health and Social Care", "national-government", ["DHSC"]),
        ("department-for-work-and-pensions", "Department for Work and Pensions", "national-government", ["DWP"]),
        ("department-for-education", "Department for Education", "national-government", ["DfE"]),
        ("ministry-of-justice", "Ministry of Justice", "national-government", ["MoJ"]),
        ("nhs-england", "NHS England", "health", []),
        ("crown-prosecution-service", "Crown Prosecution Service", "criminal-justice", ["CPS"]),
        ("hm-prison-and-probation-service", "HM Prison and Probation Service", "criminal-justice", ["HMPPS", "Her Majesty's Prison and Probation Service"]),
        ("national-police-chiefs-council", "National Police Chiefs' Council", "police", ["NPCC"]),
        ("college-of-policing", "College of Policing", "police", []),
        ("welsh-government", "Welsh Government", "national-government", []),
        ("all-agencies", "All agencies", "multi-agency", ["All partner agencies"]),
    ];

    public static readonly string[] Verbs =
    [
        "review", "update", "audit", "strengthen", "develop", "embed", "evaluate", "revise", "improve", "provide assurance on",
        "raise awareness of", "clarify",
    ];

    public static readonly string[] Purposes =
    [
        "so that staff recognise the signs of domestic abuse",
        "to ensure that risk is reassessed whenever circumstances change",
        "so that victims are offered specialist support at the first opportunity",
        "to ensure that concerns are shared with partner agencies without delay",
        "so that the voice of the victim is recorded and acted upon",
        "to make sure that perpetrators' behaviour is challenged",
        "so that family members know where to turn for advice",
        "to ensure that missed appointments prompt a follow-up",
        "so that older victims are not overlooked",
        "to ensure that practitioners ask about abuse in a safe setting",
        "so that decisions and their reasons are clearly recorded",
        "to ensure that learning from this review is embedded in practice",
    ];

    public static readonly string[] FollowUps =
    [
        "This should include a clear timescale and a named lead.",
        "Progress should be reported to the partnership within twelve months.",
        "The outcome should be shared with the partnership board.",
        "An audit of a sample of cases should confirm the change has taken effect.",
        "Staff should be told about the change through briefings and supervision.",
        "Findings should be shared with neighbouring partnerships.",
        "This should be tested through a multi-agency case audit.",
        "See the [synthetic practice guidance](https://guidance.example.org/practice) for an example approach.",
        "The *Domestic Abuse Act 2021* statutory guidance should inform this work.",
    ];

    public static readonly string[] Findings =
    [
        "Agencies saw parts of the picture but no single agency saw all of it.",
        "Opportunities to ask about abuse were missed during routine appointments.",
        "Risk was assessed once and not revisited when circumstances changed.",
        "Information held by health services was not shared with the police.",
        "Family and friends had concerns but did not know where to take them.",
        "Staff showed care and commitment, but lacked training on coercive control.",
        "Records did not show why key decisions were taken.",
        "The response focused on incidents rather than on a pattern of behaviour.",
        "Housing and financial pressures made it harder to leave.",
        "Referrals were made but not followed up when they were declined.",
        "Interpreters were not always used when they should have been.",
        "Mental health needs were treated separately from the abuse.",
    ];

    public static readonly string[] Learning =
    [
        "The panel found that professional curiosity is most needed when a victim appears to cope.",
        "Agencies should treat repeated minor incidents as a pattern rather than as separate events.",
        "Learning from this review echoes findings from earlier reviews in the area.",
        "The panel noted that a single point of contact would have helped the family.",
        "Specialist domestic abuse services were not involved early enough.",
        "The review highlights the importance of listening to family members.",
        "Good practice was seen in the work of the independent domestic violence adviser.",
        "Economic abuse was present but was not recognised as abuse at the time.",
    ];

    public static readonly string[] QaPoints =
    [
        "To improve anonymity please remove the date of death which appears in the report.",
        "The executive summary should include the terms of reference.",
        "The action plan should include target dates and named leads.",
        "Please confirm that the family were offered the chance to contribute.",
        "The equality and diversity section could be developed further.",
        "Please check the report for consistent use of pseudonyms.",
        "The panel would welcome more detail on the independence of the chair.",
        "Please add a glossary of the abbreviations used in the report.",
    ];

    public static readonly string[] Libraries =
    [
        "Home Office DHR Library", "Community Safety Partnership website", "Synthetic Review Archive",
    ];

    public static readonly string[] MonthNames =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];
}
