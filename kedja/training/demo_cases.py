"""The content of the first three demo cases, in Swedish and English (our own words).

Every text is a (Swedish, English) pair. demo.py turns these into questions with the shared
prompts and severity options; the expert answers follow docs/risk-method.md (§1, §2.2, §2.6, §2.9).
Figures in the stories are illustrative, not findings about any real supplier.
"""

MALAYSIA_GLOVES = {
    "category": "gloves",
    "country": "MYS",
    "tier": 2,
    "workers": 2400,
    "findings": "Bygger på anonymiserade iakttagelser från gemensam uppföljning av undersökningshandskar.",
    "title": (
        "Rekryteringsavgifter och skuldslaveri i handskfabriker i Malaysia",
        "Recruitment fees and debt bondage in glove factories in Malaysia",
    ),
    "story": (
        "Regionen köper nitrilhandskar för undersökning genom ett ramavtal med en svensk distributör. "
        "Handskarna tillverkas i en fabrik i Malaysia med omkring 2 400 produktionsarbetare, nästan alla "
        "migrantarbetare från Nepal och Bangladesh.\n\n"
        "Vid en gemensam uppföljning med arbetarintervjuer berättar arbetarna att de betalat 3 000–5 000 "
        "US-dollar i avgifter till rekryteringsagenter för att få jobbet, mer än ett års lön. Många har lånat "
        "pengarna till hög ränta och skickar nästan hela lönen hem för att betala av skulden. Fabriken "
        'förvarar passen "för säkerhets skull", och under efterfrågetoppar arbetar man tolv timmar om '
        "dagen sex dagar i veckan.\n\n"
        "Regionen har betalat ett marknadsmässigt pris, haft normala leveranstider och inte ändrat "
        "beställningar med kort varsel.",
        "The region buys nitrile examination gloves under a framework agreement with a Swedish distributor. "
        "The gloves are made in a factory in Malaysia with about 2,400 production workers, nearly all "
        "migrant workers from Nepal and Bangladesh.\n\n"
        "In a joint follow-up with worker interviews, workers say they paid 3,000–5,000 US dollars in fees "
        "to recruitment agents to get the job, more than a year's wages. Many borrowed the money at high "
        "interest and send almost all their pay home to service the debt. The factory keeps their passports "
        '"for safekeeping", and during demand peaks they work twelve-hour days, six days a week.\n\n'
        "The region has paid a market price, kept normal lead times and not changed orders at short notice.",
    ),
    "chain": [
        (
            "raw_material",
            4,
            "MYS",
            "Nitrilråvara, petrokemisk industri",
            "Nitrile raw material, petrochemicals",
        ),
        (
            "processing",
            3,
            "NPL",
            "Rekryteringsagenter i Nepal och Bangladesh",
            "Recruitment agents in Nepal and Bangladesh",
        ),
        (
            "manufacturing",
            2,
            "MYS",
            "Handskfabrik i Malaysia: doppning och avdragning",
            "Glove factory in Malaysia: dipping and stripping",
        ),
        ("distribution", 1, "SWE", "Svensk distributör med lager", "Swedish distributor and warehouse"),
        (
            "buyer",
            0,
            "SWE",
            "Regionens vårdcentraler och sjukhus",
            "The region's health centres and hospitals",
        ),
    ],
    "issue": {
        "options": [
            (
                "Tvångsarbete genom skuldslaveri (rekryteringsavgifter och kvarhållna pass)",
                "Forced labour through debt bondage (recruitment fees and retained passports)",
            ),
            ("För lång arbetstid", "Excessive working hours"),
            ("Diskriminering av migrantarbetare", "Discrimination against migrant workers"),
            ("Kemisk exponering i produktionen", "Chemical exposure in production"),
        ],
        "correct": 0,
        "why": (
            "Skulder för att få ett jobb och pass som arbetsgivaren håller är två av ILO:s indikatorer på "
            "tvångsarbete: arbetaren kan inte i praktiken lämna jobbet. Övertiden är verklig men följer av "
            "skulden, som är kärnan.",
            "Debt taken on to get the job and passports held by the employer are two of the ILO indicators of "
            "forced labour: the worker cannot in practice leave. The overtime is real but follows from the "
            "debt, which is the core.",
        ),
        "discuss": (
            "Vilka fler tecken på tvångsarbete skulle ni leta efter vid intervjuerna?",
            "What other signs of forced labour would you look for in the interviews?",
        ),
    },
    "chain_correct": 2,
    "chain_why": (
        "Avgifterna tas ut av agenter i hemländerna, men det är fabriken som anställer och som håller passen, "
        "och enligt principen att arbetsgivaren betalar rekryteringen är det fabriken som ansvarar. Skadan "
        "sker i led 2 i Malaysia.",
        "The fees are charged by agents in the home countries, but the factory employs the workers and holds "
        "the passports, and under the employer-pays principle the factory is responsible for recruitment "
        "costs. The harm occurs at tier 2 in Malaysia.",
    ),
    "scale": (
        5,
        (
            "Tvångsarbete och skuldslaveri gäller frihet och personlig integritet: högsta graden (5).",
            "Forced labour and debt bondage concern liberty and personal integrity: the highest scale (5).",
        ),
    ),
    "scope": (
        5,
        (
            "Omkring 2 400 arbetare ger intervallet 1 000–9 999 (4). Migrantarbetare är en sårbar grupp, så "
            "räckvidden höjs ett steg till 5.",
            "About 2,400 workers gives the 1,000–9,999 band (4). Migrant workers are a vulnerable group, so scope "
            "rises one step to 5.",
        ),
    ),
    "ir": (
        4,
        (
            "Avgifterna kan betalas tillbaka och passen lämnas ut, men år av skuld, familjers lån och förlorad "
            "frihet går inte helt att göra ogjort. Frågebiblioteket anger 4 för tvångsarbete.",
            "Fees can be repaid and passports returned, but years of debt, family loans and lost freedom cannot "
            "be fully undone. The issue library gives 4 for forced labour.",
        ),
    ),
    "involvement": (
        "linked",
        (
            "Fabriken orsakar skadan och den är kopplad till regionens handskar via distributören: regionen är "
            "direkt kopplad (UNGP 13 b). Regionens priser, ledtider och beställningar har inte drivit fram "
            "skadan, så den bidrar inte. Det ändras om regionen fortsätter att pressa pris eller ledtid på ett "
            "sätt som gör det svårare att betala tillbaka avgifterna efter att den fått veta.",
            "The factory causes the harm and it is linked to the region's gloves through the distributor: the "
            "region is directly linked (UNGP 13 b). The region's prices, lead times and orders have not driven "
            "the harm, so it does not contribute. That changes if the region keeps pressing price or lead time "
            "in ways that make repayment harder after it has learned of the harm.",
        ),
        (
            "Vilka av regionens inköpsvanor skulle göra detta till ett bidrag?",
            "Which of the region's purchasing habits would turn this into contribution?",
        ),
    ),
    "remedy": {
        "options": [
            (
                "Gottgörelse är skyldig av fabriken som orsakat skadan: rekryteringsavgifterna ska betalas tillbaka "
                "och passen lämnas ut. Regionen är inte skyldig att gottgöra själv men ska använda sin hävstång och "
                "kan stödja.",
                "Remedy is owed by the factory that caused the harm: the recruitment fees must be repaid and "
                "passports returned. The region is not required to provide remedy itself but must use its leverage "
                "and may support.",
            ),
            (
                "Regionen ska själv betala tillbaka avgifterna eftersom den köper handskarna.",
                "The region must repay the fees itself because it buys the gloves.",
            ),
            (
                "Ingen gottgörelse behövs: avgifterna betalades till agenter, inte till fabriken.",
                "No remedy is needed: the fees were paid to agents, not to the factory.",
            ),
            (
                "Gottgörelse är inte möjlig; det enda rätta är att säga upp avtalet.",
                "Remedy is not possible; the only right thing is to terminate the contract.",
            ),
        ],
        "correct": 0,
        "why": (
            "Den som orsakar eller bidrar till en skada ska gottgöra den (UNGP 22). Här är det fabriken, och "
            "gottgörelsen är fullt möjlig: återbetalning av avgifterna. En direkt kopplad köpare behöver inte "
            "själv gottgöra men ska påverka den som orsakat skadan och kan ta en roll. Hade regionens "
            "inköpspraxis bidragit hade regionen behövt vara med och finansiera.",
            "Whoever causes or contributes to harm should remedy it (UNGP 22). Here that is the factory, and "
            "remedy is entirely possible: repaying the fees. A directly linked buyer need not provide remedy "
            "itself but should press the party that caused the harm and may take a role. Had the region's "
            "purchasing practices contributed, it would have had to help fund remedy.",
        ),
        "discuss": (
            "Hur vet ni att återbetalningen verkligen nått arbetarna?",
            "How would you know that repayment has actually reached the workers?",
        ),
    },
    "actions": {
        "options": [
            (
                "Kräv genom distributören en åtgärdsplan inom 30 dagar: återbetalning av avgifterna och utlämnade pass",
                "Require through the distributor a corrective action plan within 30 days: fee repayment and "
                "returned passports",
            ),
            (
                "Följ upp gemensamt med andra regioner, med arbetarintervjuer utanför fabriken",
                "Follow up jointly with other regions, with worker interviews outside the factory",
            ),
            (
                "Kräv insyn i fabriken och dess rekryteringsagenter (spårbarhet)",
                "Require transparency about the factory and its recruitment agents (traceability)",
            ),
            (
                "Säg upp avtalet omedelbart och byt leverantör",
                "Terminate the contract at once and change supplier",
            ),
            (
                "Nöj dig med fabrikens uppförandekod och ett certifikat",
                "Settle for the factory's code of conduct and a certificate",
            ),
        ],
        "correct": [0, 1, 2],
        "why": (
            "Allvarligheten är högsta möjliga och uppgifterna bekräftade, så risken är kritisk. För en direkt "
            "kopplad kritisk risk: åtgärdsplan och insyn i leden inom 30 dagar, gemensam uppföljning med "
            "arbetarintervjuer och kollektiv hävstång tillsammans med andra köpare. De allvarligaste skadorna "
            "kommer först (UNGP 24). Att avsluta affären direkt lämnar arbetarna kvar med skulderna; det är "
            "en sista utväg efter att man vägt skadan av att lämna.",
            "Severity is at its highest and the information is confirmed, so the risk is critical. For a "
            "directly linked critical risk: a corrective action plan and tier transparency within 30 days, "
            "joint follow-up with worker interviews and collective leverage with other buyers. The most severe "
            "harms come first (UNGP 24). Leaving at once leaves workers with their debts; it is a last resort "
            "after weighing the harm of exit.",
        ),
        "discuss": (
            "Vad gör ni om fabriken inte följer planen? Vilken roll har distributören enligt avtalsklausulen?",
            "What do you do if the factory does not follow the plan? What is the distributor's role under the "
            "contract clause?",
        ),
    },
}

SIALKOT_INSTRUMENTS = {
    "category": "surgical_instruments",
    "country": "PAK",
    "tier": 3,
    "workers": 25,
    "findings": "Bygger på anonymiserade iakttagelser från uppföljning av kirurgiska instrument.",
    "title": (
        "Barnarbete i instrumentverkstäder i Sialkot",
        "Child labour in instrument workshops in Sialkot",
    ),
    "story": (
        "Regionen köper saxar, pincetter och peanger från en svensk leverantör. Instrumenten tillverkas av "
        "ett företag i Sialkot i Pakistan, som lägger ut smide, slipning och polering på små verkstäder i "
        "staden.\n\n"
        "Vid ett oannonserat besök på en poleringsverkstad med ett tjugotal anställda arbetar två pojkar, "
        "ungefär 13 och 14 år gamla, vid slipmaskiner utan skydd för ögon och andning. Luften är full av "
        "metalldamm och de vuxna arbetar tolv timmar om dagen. Tillverkaren säger att den inte kände till "
        "verkstaden.\n\n"
        "Regionens priser har legat stilla i flera år och leveranstiderna är normala.",
        "The region buys scissors, forceps and clamps from a Swedish supplier. The instruments are made by a "
        "company in Sialkot, Pakistan, which subcontracts forging, grinding and polishing to small workshops "
        "in the city.\n\n"
        "On an unannounced visit to a polishing workshop with some twenty workers, two boys aged about 13 "
        "and 14 are working at grinding machines without eye or respiratory protection. The air is thick "
        "with metal dust and the adults work twelve-hour days. The manufacturer says it did not know about "
        "the workshop.\n\n"
        "The region's prices have been stable for years and lead times are normal.",
    ),
    "chain": [
        ("raw_material", 4, "PAK", "Stålleverantör", "Steel supplier"),
        ("processing", 3, "PAK", "Smidesverkstäder i Sialkot", "Forging workshops in Sialkot"),
        (
            "processing",
            3,
            "PAK",
            "Poleringsverkstad i Sialkot (underleverantör)",
            "Polishing workshop in Sialkot (subcontractor)",
        ),
        (
            "manufacturing",
            2,
            "PAK",
            "Instrumenttillverkare i Sialkot: montering och kontroll",
            "Instrument manufacturer in Sialkot: assembly and inspection",
        ),
        (
            "distribution",
            1,
            "SWE",
            "Svensk leverantör: sterilisering och lager",
            "Swedish supplier: sterilisation and warehouse",
        ),
        ("buyer", 0, "SWE", "Regionens operationsavdelningar", "The region's operating theatres"),
    ],
    "issue": {
        "options": [
            (
                "Barnarbete i farligt arbete (en av de värsta formerna)",
                "Child labour in hazardous work (a worst form)",
            ),
            ("Farlig arbetsmiljö för vuxna", "Hazardous conditions for adult workers"),
            ("För lång arbetstid", "Excessive working hours"),
            ("Korruption i upphandlingen", "Corruption in procurement"),
        ],
        "correct": 0,
        "why": (
            "Barn under 18 år i farligt arbete, här slipning i metalldamm utan skydd, är en av de värsta "
            "formerna av barnarbete (ILO:s konvention 182). Arbetsmiljön och arbetstiderna är också allvarliga "
            "och ska åtgärdas, men barnen kommer först.",
            "Children under 18 in hazardous work, here grinding in metal dust without protection, is one of the "
            "worst forms of child labour (ILO Convention 182). The working conditions and hours are serious too "
            "and must be addressed, but the children come first.",
        ),
        "discuss": (
            "Varför syns inte detta vid en revision av tillverkaren?",
            "Why does this not show in an audit of the manufacturer?",
        ),
    },
    "chain_correct": 2,
    "chain_why": (
        "Barnen arbetar hos poleringsverkstaden, en underleverantör i led 3 som tillverkaren inte redovisat. "
        "Risken ligger under led 1 och 2, där uppföljning ofta slutar.",
        "The children work at the polishing workshop, an undisclosed tier-3 subcontractor. The risk sits below "
        "tiers 1 and 2, where follow-up often stops.",
    ),
    "scale": (
        5,
        (
            "Farligt arbete för barn är en av de värsta formerna av barnarbete: grad 5.",
            "Hazardous work by children is one of the worst forms of child labour: scale 5.",
        ),
    ),
    "scope": (
        3,
        (
            "Ett tjugotal personer i verkstaden ger intervallet 10–99 (2). Barn är en sårbar grupp, så "
            "räckvidden höjs till 3. Fler verkstäder kan vara berörda; det är skäl att kartlägga.",
            "Some twenty people in the workshop gives the 10–99 band (2). Children are a vulnerable group, so "
            "scope rises to 3. More workshops may be affected; that is a reason to map them.",
        ),
    ),
    "ir": (
        5,
        (
            "Förlorad skolgång och bestående skador på lungor och ögon går inte att göra ogjorda: 5.",
            "Lost schooling and lasting damage to lungs and eyes cannot be undone: 5.",
        ),
    ),
    "involvement": (
        "linked",
        (
            "Verkstaden och tillverkaren som anlitar den orsakar skadan; den är kopplad till regionens "
            "instrument genom leverantörskedjan. Regionen är direkt kopplad (UNGP 13 b), oavsett i vilket led "
            "skadan sker. Stabila priser och normala ledtider betyder att regionen inte bidrar.",
            "The workshop and the manufacturer that uses it cause the harm; it is linked to the region's "
            "instruments through the chain. The region is directly linked (UNGP 13 b), whatever the tier. Stable "
            "prices and normal lead times mean the region does not contribute.",
        ),
        (
            "Har priser som legat stilla i åratal någon betydelse?",
            "Do prices that have not moved for years matter?",
        ),
    ),
    "remedy": {
        "options": [
            (
                "Den som orsakat skadan ska gottgöra: barnen tas ur det farliga arbetet, får skolgång och familjen "
                "ersättning för förlorad inkomst. Regionen är inte skyldig att gottgöra själv men kan stödja.",
                "Those who caused the harm must remedy it: the children leave the hazardous work, get schooling and "
                "their families compensation for lost income. The region is not required to provide remedy itself "
                "but may support.",
            ),
            (
                "Verkstaden ska avskeda barnen omedelbart; då är saken löst.",
                "The workshop should dismiss the children at once; that settles it.",
            ),
            (
                "Regionen ska betala ersättning direkt till familjerna.",
                "The region must pay compensation directly to the families.",
            ),
            (
                "Ingen gottgörelse är möjlig eftersom skadan redan skett.",
                "No remedy is possible because the harm has already happened.",
            ),
        ],
        "correct": 0,
        "why": (
            "Gottgörelse är skyldig av den som orsakat skadan (UNGP 22) och ska utgå från barnens bästa. Att "
            "bara avskeda dem kan driva dem till sämre arbete. Skadan går delvis inte att gottgöra, vilket "
            "gör snabbhet viktig (UNGP 24). Som direkt kopplad kan regionen stödja men måste inte betala.",
            "Remedy is owed by those who caused the harm (UNGP 22) and must put the children's best interests "
            "first. Simply dismissing them can push them into worse work. Part of the harm cannot be remedied, "
            "which makes speed important (UNGP 24). As a directly linked buyer the region may support but need "
            "not pay.",
        ),
        "discuss": (
            "Vilka lokala aktörer behövs för att barnen faktiskt ska komma till skolan?",
            "Which local actors are needed for the children actually to get to school?",
        ),
    },
    "actions": {
        "options": [
            (
                "Kräv att tillverkaren omedelbart tar barnen ur arbetet med en plan för skolgång och inkomstersättning",
                "Require the manufacturer to remove the children from the work at once, with a plan for schooling "
                "and income support",
            ),
            (
                "Kräv kartläggning och insyn i alla underleverantörer i Sialkot",
                "Require mapping of and transparency about all subcontractors in Sialkot",
            ),
            (
                "Följ upp tillsammans med andra regioner och lokala organisationer, med oannonserade besök",
                "Follow up with other regions and local organisations, with unannounced visits",
            ),
            (
                "Byt omedelbart till en annan tillverkare i Sialkot",
                "Switch at once to another manufacturer in Sialkot",
            ),
            (
                "Nöj dig med ett intyg från tillverkaren om att inga barn arbetar",
                "Settle for a statement from the manufacturer that no children work",
            ),
        ],
        "correct": [0, 1, 2],
        "why": (
            "Risken är kritisk: åtgärdsplan och insyn i leden inom 30 dagar, gemensam uppföljning och kollektiv "
            "hävstång. Att byta tillverkare i samma stad löser inget om underleverantörerna är desamma, och ett "
            "intyg ersätter inte verifiering.",
            "The risk is critical: a corrective action plan and tier transparency within 30 days, joint "
            "follow-up and collective leverage. Switching to another manufacturer in the same city solves "
            "nothing if the subcontractors are the same, and a statement does not replace verification.",
        ),
        "discuss": (
            "Hur följer ni upp att barnen inte bara flyttas till en annan verkstad?",
            "How do you check that the children are not simply moved to another workshop?",
        ),
    },
}

BANGLADESH_FIRE = {
    "category": "laundry_textiles",
    "country": "BGD",
    "tier": 2,
    "workers": 1800,
    "findings": "Bygger på anonymiserade iakttagelser från platsrevisioner av textilleverantörer.",
    "title": (
        "Brandrisk i en textilfabrik i Bangladesh",
        "Fire risk in a garment factory in Bangladesh",
    ),
    "story": (
        "Regionens leverantör av arbetskläder för vårdpersonal låter sy plaggen i en fabrik utanför Dhaka i "
        "Bangladesh. Fabriken ligger på tre våningar i en byggnad som den delar med två andra fabriker och "
        "har omkring 1 800 anställda, de flesta kvinnor.\n\n"
        'En platsrevision finner att nödutgångarna är låsta under arbetstid "för att förhindra stölder", '
        "att tygbalar står i trapphusen, att två våningar saknar brandlarm och att ingen utrymningsövning "
        "har hållits på två år. Ingen brand har inträffat.\n\n"
        "Regionen beställer efter en årlig prognos med normala leveranstider.",
        "The region's supplier of workwear for healthcare staff has the garments sewn in a factory outside "
        "Dhaka, Bangladesh. The factory occupies three floors of a building it shares with two other "
        "factories and employs about 1,800 people, most of them women.\n\n"
        'A site audit finds emergency exits locked during working hours "to prevent theft", rolls of fabric '
        "stored in the stairwells, no fire alarm on two floors and no evacuation drill for two years. No fire "
        "has occurred.\n\n"
        "The region orders against a yearly forecast with normal lead times.",
    ),
    "chain": [
        ("raw_material", 4, "IND", "Bomullsodling", "Cotton farming"),
        ("processing", 3, "BGD", "Spinneri och väveri", "Spinning and weaving mill"),
        ("manufacturing", 2, "BGD", "Sömnadsfabrik utanför Dhaka", "Sewing factory outside Dhaka"),
        ("distribution", 1, "SWE", "Svensk leverantör av arbetskläder", "Swedish workwear supplier"),
        ("buyer", 0, "SWE", "Regionens vårdpersonal", "The region's healthcare staff"),
    ],
    "issue": {
        "options": [
            (
                "Livshotande brister i arbetsmiljön (brand- och byggnadssäkerhet)",
                "Life-threatening working conditions (fire and building safety)",
            ),
            ("Bristande föreningsfrihet", "Lack of freedom of association"),
            ("Lön under levnadslön", "Wages below a living wage"),
            ("Miljöpåverkan från färgning", "Environmental impact of dyeing"),
        ],
        "correct": 0,
        "why": (
            "Låsta nödutgångar, blockerade trapphus och saknade larm kan kosta många liv vid en brand. Det är "
            "en potentiell skada, men av det allvarligaste slaget.",
            "Locked exits, blocked stairwells and missing alarms can cost many lives in a fire. It is a "
            "potential harm, but of the gravest kind.",
        ),
        "discuss": (
            "Vilka andra risker kan finnas i samma fabrik? Vad säger det att arbetarna inte själva har larmat?",
            "What other risks may exist in the same factory? What does it say that the workers have not raised "
            "the alarm themselves?",
        ),
    },
    "chain_correct": 2,
    "chain_why": (
        "Riskerna finns i sömnadsfabriken, led 2 i Bangladesh. Byggnaden delas med andra fabriker, så "
        "åtgärder behöver omfatta hela huset.",
        "The risks are in the sewing factory, tier 2 in Bangladesh. The building is shared with other "
        "factories, so measures must cover the whole building.",
    ),
    "scale": (
        5,
        (
            "Dödliga risker hör till högsta graden (5), även när skadan ännu inte inträffat.",
            "Fatal hazards are on the highest scale (5), even when no harm has yet occurred.",
        ),
    ),
    "scope": (
        5,
        (
            "1 800 anställda ger intervallet 1 000–9 999 (4). Kvinnor i osäkra anställningar är en sårbar grupp, "
            "och arbetarna i de andra fabrikerna i huset är också utsatta: 5.",
            "1,800 employees gives the 1,000–9,999 band (4). Women in precarious work are a vulnerable group, and "
            "workers in the other factories in the building are exposed too: 5.",
        ),
    ),
    "ir": (
        5,
        (
            "Död och bestående skador går inte att gottgöra: 5. Det är därför förebyggande är så brådskande.",
            "Death and permanent injury cannot be remedied: 5. That is why prevention is so urgent.",
        ),
    ),
    "involvement": (
        "linked",
        (
            "Fabriken orsakar risken och den är kopplad till regionens arbetskläder via leverantören: direkt "
            "kopplad (UNGP 13 b). Regionen beställer efter prognos med normala ledtider, så den bidrar inte. "
            "Korta ledtider som tvingar fram nattskift och lager i trapphusen hade kunnat vara ett bidrag.",
            "The factory causes the risk and it is linked to the region's workwear through the supplier: directly "
            "linked (UNGP 13 b). The region orders against a forecast with normal lead times, so it does not "
            "contribute. Short lead times that force night shifts and storage in stairwells could have been "
            "contribution.",
        ),
        (
            "Hur skulle regionens beställningsmönster kunna öka brandrisken?",
            "How could the region's ordering pattern increase the fire risk?",
        ),
    ),
    "remedy": {
        "options": [
            (
                "Ingen har skadats än: uppgiften är att förebygga. Om en brand inträffar är fabriken (och den som "
                "bidragit) skyldig att gottgöra; regionen kan då stödja.",
                "No one has been harmed yet: the task is prevention. If a fire occurs, the factory (and anyone who "
                "contributed) owes remedy; the region may then support.",
            ),
            (
                "Regionen är redan nu skyldig att ersätta arbetarna.",
                "The region already owes the workers compensation.",
            ),
            (
                "Brandrisk är ingen människorättsfråga, så gottgörelse är inte aktuell.",
                "Fire risk is not a human-rights issue, so remedy does not arise.",
            ),
            (
                "Fabriken ska stängas omedelbart eftersom skadan inte går att gottgöra.",
                "The factory should be closed at once because the harm cannot be remedied.",
            ),
        ],
        "correct": 0,
        "why": (
            "Gottgörelse gäller skador som inträffat (UNGP 22). Här är skadan potentiell och till stor del "
            "omöjlig att gottgöra om den sker, så förebyggande kommer först (UNGP 24). Att stänga fabriken "
            "direkt skadar arbetarna, som förlorar sin inkomst.",
            "Remedy concerns harm that has occurred (UNGP 22). Here the harm is potential and largely "
            "irremediable if it happens, so prevention comes first (UNGP 24). Closing the factory at once harms "
            "the workers, who lose their income.",
        ),
        "discuss": (
            "Vilka ersättningssystem finns för arbetare efter fabriksolyckor?",
            "What compensation schemes exist for workers after factory disasters?",
        ),
    },
    "actions": {
        "options": [
            (
                "Kräv att nödutgångarna låses upp och trapphusen töms inom några dagar, och att det verifieras",
                "Require the exits unlocked and stairwells cleared within days, and have it verified",
            ),
            (
                "Kräv en åtgärdsplan för brandlarm, utbildning och byggnadssäkerhet med oberoende verifiering",
                "Require a corrective action plan for fire alarms, training and building safety, independently verified",
            ),
            (
                "Se till att arbetarna har en säkerhetskommitté och en kanal för klagomål",
                "Make sure workers have a safety committee and a grievance channel",
            ),
            (
                "Säg upp avtalet direkt och flytta produktionen",
                "Terminate the contract at once and move production",
            ),
            ("Vänta till nästa ordinarie revision om ett år", "Wait for the next regular audit in a year"),
        ],
        "correct": [0, 1, 2],
        "why": (
            "Risken är kritisk och kan bli oåterkallelig när som helst, så de enklaste åtgärderna ska ske "
            "omedelbart och resten följa en verifierad plan. Arbetarnas egen röst behövs för att bristerna inte "
            "ska komma tillbaka. Att flytta produktionen lämnar 1 800 människor i samma hus med samma risk.",
            "The risk is critical and could become irreversible at any moment, so the simplest measures must "
            "happen at once and the rest follow a verified plan. Workers' own voice is needed so that the "
            "failures do not return. Moving production leaves 1,800 people in the same building with the same "
            "risk.",
        ),
        "discuss": (
            "Hur samarbetar ni med andra köpare som använder samma fabrik?",
            "How do you work with other buyers who use the same factory?",
        ),
    },
}
