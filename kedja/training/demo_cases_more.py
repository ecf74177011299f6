"""The last two demo cases: a Swedish service contract (contribution) and cobalt in IT equipment.

Same shape as demo_cases.py: every text is a (Swedish, English) pair in our own words.
"""

SWEDISH_CLEANING = {
    "category": "cleaning",
    "country": "SWE",
    "tier": 1,
    "workers": 60,
    "findings": "Bygger på anonymiserade iakttagelser från uppföljning av tjänsteavtal för lokalvård.",
    "title": (
        "Underbetalda städare i ett svenskt lokalvårdsavtal",
        "Underpaid cleaners in a Swedish cleaning contract",
    ),
    "story": (
        "Ett städföretag har regionens avtal om lokalvård på två sjukhus. Omkring 60 städare arbetar i "
        "uppdraget, många nyanlända på timanställning.\n\n"
        "Under vinterns utbrott av vinterkräksjuka beställde regionen upprepade gånger extra storstädning "
        "med ett dygns varsel. Vid senaste avropet kortade regionen dessutom den tid som får läggas per rum, "
        "och priset per kvadratmeter ligger under vad kollektivavtalets villkor kostar.\n\n"
        "Städarna berättar att de bara får betalt för schemalagda timmar, inte för de extra passen, att "
        "ob-tillägg för kvällsarbete saknas och att några får ackord som i praktiken ger lägre timlön än "
        "kollektivavtalet.",
        "A cleaning company holds the region's contract for cleaning two hospitals. About 60 cleaners work "
        "on the contract, many of them recent arrivals on hourly contracts.\n\n"
        "During the winter norovirus outbreak the region repeatedly ordered extra deep cleaning at one day's "
        "notice. In the latest call-off the region also cut the time allowed per room, and the price per "
        "square metre is below what the collective agreement's terms cost.\n\n"
        "The cleaners say they are paid only for scheduled hours, not for the extra shifts, that there is no "
        "supplement for evening work, and that some are on piece rates that in practice give a lower hourly "
        "wage than the collective agreement.",
    ),
    "chain": [
        (
            "buyer",
            0,
            "SWE",
            "Regionen: beställer städning av sjukhusen",
            "The region: orders hospital cleaning",
        ),
        (
            "service",
            1,
            "SWE",
            "Städföretaget: lokalvård på sjukhusen",
            "The cleaning company: cleaning the hospitals",
        ),
        (
            "service",
            2,
            "SWE",
            "Bemanningsföretag: extrapersonal vid toppar",
            "Staffing agency: extra staff at peaks",
        ),
        ("manufacturing", 2, "DEU", "Tillverkare av rengöringsmedel", "Maker of cleaning chemicals"),
    ],
    "issue": {
        "options": [
            (
                "Löner och ersättning: obetald tid och lön under kollektivavtalet",
                "Wages: unpaid hours and pay below the collective agreement",
            ),
            ("Tvångsarbete", "Forced labour"),
            ("Diskriminering av nyanlända", "Discrimination against recent arrivals"),
            ("Kemisk exponering vid städning", "Chemical exposure in cleaning"),
        ],
        "correct": 0,
        "why": (
            "Kärnan är att arbetad tid inte betalas och att lönen hamnar under kollektivavtalets nivå. Det är "
            "allvarligt men inte tvångsarbete: städarna kan lämna jobbet och behåller sina handlingar.",
            "The core is that hours worked go unpaid and pay falls below the collective agreement. That is "
            "serious but not forced labour: the cleaners can leave and keep their documents.",
        ),
        "discuss": (
            "Vilka tecken skulle få er att misstänka tvångsarbete i ett svenskt tjänsteavtal?",
            "Which signs would make you suspect forced labour in a Swedish service contract?",
        ),
    },
    "chain_correct": 1,
    "chain_why": (
        "Skadan sker hos städföretaget, led 1 i Sverige. Risker finns också i led 0: regionens egna "
        "beställningar påverkar arbetstiden.",
        "The harm occurs at the cleaning company, tier 1 in Sweden. There are risks at tier 0 as well: the "
        "region's own orders shape the working time.",
    ),
    "scale": (
        3,
        (
            "Lön under avtalad nivå och obetald tid förvägrar en grundläggande rättighet: grad 3. Det är inte "
            "lön under existensminimum (4).",
            "Pay below the agreed level and unpaid hours deny a fundamental right: scale 3. It is not pay below "
            "subsistence (4).",
        ),
    ),
    "scope": (
        3,
        (
            "Omkring 60 städare ger intervallet 10–99 (2). Nyanlända på timanställning är en sårbar grupp, så "
            "räckvidden höjs till 3.",
            "About 60 cleaners gives the 10–99 band (2). Recent arrivals on hourly contracts are a vulnerable "
            "group, so scope rises to 3.",
        ),
    ),
    "ir": (
        1,
        (
            "Skadan kan gottgöras helt och ganska snabbt genom efterbetalning: 1.",
            "The harm can be fully and fairly quickly remedied by back pay: 1.",
        ),
    ),
    "involvement": (
        "contribute",
        (
            "Regionen bidrar till skadan (UNGP 13 a): extrastädning med ett dygns varsel, kortare tid per rum och "
            "ett pris under vad avtalsenliga villkor kostar är regionens egna beslut, och de skapar "
            "tillsammans med städföretagets lönepraxis det som drabbar städarna. Det är inte att orsaka, "
            "eftersom det är städföretaget som betalar lönerna.",
            "The region contributes to the harm (UNGP 13 a): extra cleaning at a day's notice, less time per "
            "room and a price below what agreed terms cost are the region's own decisions, and together with the "
            "company's pay practices they produce what the cleaners suffer. It is not causing, because the "
            "company pays the wages.",
        ),
        (
            "Vilka beslut i regionens egen organisation ledde fram till de korta beställningarna?",
            "Which decisions in the region's own organisation led to the short-notice orders?",
        ),
    ),
    "remedy": {
        "options": [
            (
                "Gottgörelse är skyldig och möjlig: efterbetalning av obetald tid och tillägg. Städföretaget betalar "
                "det det är skyldigt, och regionen ska som bidragande gottgöra eller samverka, t.ex. genom att "
                "betala för de extra beställda timmarna.",
                "Remedy is owed and possible: back pay for unpaid hours and supplements. The company pays what it "
                "owes, and the region, as a contributor, must provide or cooperate in remedy, for example by paying "
                "for the extra hours it ordered.",
            ),
            (
                "Bara städföretaget är skyldigt att gottgöra; regionens roll är att ställa krav.",
                "Only the cleaning company owes remedy; the region's role is to make demands.",
            ),
            (
                "Ingen gottgörelse behövs eftersom Sverige saknar lagstadgad minimilön.",
                "No remedy is needed because Sweden has no statutory minimum wage.",
            ),
            (
                "Gottgörelse är inte möjlig eftersom timmarna redan är arbetade.",
                "Remedy is not possible because the hours have already been worked.",
            ),
        ],
        "correct": 0,
        "why": (
            "Den som bidrar till en skada ska vara med och gottgöra den (UNGP 22). Här är gottgörelsen enkel och "
            "fullt möjlig: pengar för arbetad tid. Att bara ställa krav på leverantören vore svaret om regionen "
            "enbart var direkt kopplad.",
            "Whoever contributes to harm must take part in remedying it (UNGP 22). Here remedy is simple and "
            "entirely possible: money for hours worked. Only making demands of the supplier would be the answer "
            "if the region were merely directly linked.",
        ),
        "discuss": (
            "Hur räknar ni fram regionens andel av efterbetalningen?",
            "How do you work out the region's share of the back pay?",
        ),
    },
    "actions": {
        "options": [
            (
                "Ändra regionens beställningsrutiner: framförhållning för extrastädning och ersättning för akuta beställningar",
                "Change the region's ordering routines: notice for extra cleaning and payment for urgent orders",
            ),
            (
                "Se över priset och tiden per rum vid nästa avrop eller ändring så att avtalsenliga villkor ryms",
                "Revise the price and time per room at the next call-off or amendment so agreed terms fit",
            ),
            (
                "Kräv efterbetalning, verifiera med lönespecifikationer och intervjuer, och betala regionens andel",
                "Require back pay, verify with payslips and interviews, and pay the region's share",
            ),
            ("Ta ut vite och häv avtalet", "Impose a penalty and terminate the contract"),
            (
                "Begär bara ett intyg om att lagar och avtal följs",
                "Ask only for a statement that laws and agreements are followed",
            ),
        ],
        "correct": [0, 1, 2],
        "why": (
            "När regionen bidrar ska den först sluta bidra: ändra inköpspraxis vid nästa avrop eller ändring. "
            "Sedan använder den sin hävstång på det som återstår och är med och finansierar gottgörelsen. Att "
            "häva avtalet straffar städarna och rättar inte regionens egna rutiner.",
            "When the region contributes it must first stop contributing: change its purchasing practice at the "
            "next call-off or amendment. Then it uses its leverage on what remains and helps fund remedy. "
            "Terminating the contract punishes the cleaners and does not fix the region's own routines.",
        ),
        "discuss": (
            "Vem i regionen äger beställningsrutinen, och hur får ni med dem?",
            "Who in the region owns the ordering routine, and how do you bring them on board?",
        ),
    },
}

CONGO_COBALT = {
    "category": "it_ict",
    "country": "COD",
    "tier": 5,
    "workers": 10000,
    "findings": "",
    "title": (
        "Kobolt från småskaliga gruvor i DR Kongo i IT-utrustning",
        "Cobalt from artisanal mines in DR Congo in IT equipment",
    ),
    "story": (
        "Regionen köper bärbara datorer och surfplattor genom en IT-distributör. Batterierna innehåller "
        "kobolt. En del av kobolten i världen bryts i småskaliga gruvor i södra DR Kongo, där vuxna och barn "
        "gräver för hand i tunnlar utan stöttning och bär säckar med malm. Organisationer uppskattar att "
        "tiotusentals barn arbetar i gruvdriften i området, och dödsolyckor i raserade tunnlar är vanliga.\n\n"
        "Uppköpare blandar malm från småskaliga och industriella gruvor innan den förädlas i Kina. "
        "Datortillverkaren kan visa vilka batteritillverkare den använder men inte varifrån kobolten kommer. "
        "Regionens volymer är små jämfört med varumärkets.",
        "The region buys laptops and tablets through an IT distributor. Their batteries contain cobalt. Part "
        "of the world's cobalt is dug in artisanal mines in southern DR Congo, where adults and children dig by "
        "hand in unsupported tunnels and carry sacks of ore. Organisations estimate that tens of thousands of "
        "children work in mining in the area, and deaths in collapsed tunnels are common.\n\n"
        "Traders mix ore from artisanal and industrial mines before it is refined in China. The computer maker "
        "can show which battery makers it uses but not where the cobalt comes from. The region's volumes are "
        "small compared with the brand's.",
    ),
    "chain": [
        (
            "raw_material",
            5,
            "COD",
            "Småskaliga koboltgruvor i DR Kongo",
            "Artisanal cobalt mines in DR Congo",
        ),
        ("processing", 4, "CHN", "Uppköpare och raffinaderi", "Traders and refinery"),
        ("manufacturing", 3, "CHN", "Battericelltillverkare", "Battery cell maker"),
        ("manufacturing", 2, "CHN", "Datortillverkare: slutmontering", "Computer maker: final assembly"),
        ("distribution", 1, "SWE", "IT-distributör", "IT distributor"),
        ("buyer", 0, "SWE", "Regionens verksamheter", "The region's services"),
    ],
    "issue": {
        "options": [
            (
                "Barnarbete och livsfarligt arbete i gruvorna",
                "Child labour and life-threatening work in the mines",
            ),
            ("Miljöföroreningar från raffinering", "Pollution from refining"),
            ("Korruption i gruvtillstånd", "Corruption in mining permits"),
            ("Övertid vid slutmonteringen", "Overtime at final assembly"),
        ],
        "correct": 0,
        "why": (
            "Barn som gräver och bär malm i ostöttade tunnlar utför farligt arbete, en av de värsta formerna av "
            "barnarbete, och vuxna riskerar livet. Miljö och korruption är verkliga risker i samma kedja men "
            "inte de allvarligaste här.",
            "Children digging and carrying ore in unsupported tunnels do hazardous work, one of the worst forms "
            "of child labour, and adults risk their lives. Environment and corruption are real risks in the same "
            "chain but not the most severe here.",
        ),
        "discuss": (
            "Vilka andra mineraler i IT-utrustning har liknande risker?",
            "Which other minerals in IT equipment carry similar risks?",
        ),
    },
    "chain_correct": 0,
    "chain_why": (
        "Skadan sker vid brytningen, led 5 i DR Kongo, långt från regionen. Spårbarheten bryts hos "
        "uppköparna, där malm från olika gruvor blandas.",
        "The harm occurs at extraction, tier 5 in DR Congo, far from the region. Traceability breaks at the "
        "traders, where ore from different mines is mixed.",
    ),
    "scale": (
        5,
        (
            "Farligt arbete för barn och dödliga olyckor: högsta graden (5).",
            "Hazardous work by children and fatal accidents: the highest scale (5).",
        ),
    ),
    "scope": (
        5,
        (
            "Tiotusentals människor i en hel region berörs: 5, även utan höjningen för sårbara grupper.",
            "Tens of thousands of people across a whole region are affected: 5, even without the step for "
            "vulnerable groups.",
        ),
    ),
    "ir": (
        5,
        (
            "Död, bestående skador och förlorad skolgång går inte att göra ogjorda: 5.",
            "Death, permanent injury and lost schooling cannot be undone: 5.",
        ),
    ),
    "involvement": (
        "linked",
        (
            "Uppköpare och gruvoperatörer orsakar skadan; den är kopplad till regionens datorer genom kedjan, "
            'hur många led det än är. Regionen är direkt kopplad (UNGP 13 b), inte "inte inblandad". Avstånd och '
            "liten volym påverkar hävstången, inte ansvaret att agera.",
            "Traders and mine operators cause the harm; it is linked to the region's computers through the chain, "
            'however many tiers there are. The region is directly linked (UNGP 13 b), not "not involved". '
            "Distance and small volume affect leverage, not the responsibility to act.",
        ),
        (
            "Vad betyder liten hävstång för vilka åtgärder ni väljer?",
            "What does small leverage mean for the actions you choose?",
        ),
    ),
    "remedy": {
        "options": [
            (
                "Skadan går bara delvis att gottgöra. Skyldiga är de som orsakar den; regionen måste inte gottgöra "
                "själv men kan ta en roll, t.ex. genom att kräva att varumärket stöder skolgång och inkomst för "
                "familjerna.",
                "The harm can only partly be remedied. Those who cause it owe remedy; the region need not provide "
                "it itself but may take a role, for example by requiring the brand to support schooling and income "
                "for families.",
            ),
            (
                "Regionen ska ersätta drabbade familjer eftersom den köper datorerna.",
                "The region must compensate affected families because it buys the computers.",
            ),
            (
                "Ingen gottgörelse är aktuell eftersom kobolten inte går att spåra.",
                "Remedy does not arise because the cobalt cannot be traced.",
            ),
            (
                "Bäst är att förbjuda all kobolt från DR Kongo.",
                "The best remedy is to ban all cobalt from DR Congo.",
            ),
        ],
        "correct": 0,
        "why": (
            "Gottgörelse är skyldig av den som orsakar eller bidrar (UNGP 22). En direkt kopplad köpare kan ta "
            "en roll genom sin hävstång. Att skadan delvis är oåterkallelig gör förebyggande brådskande "
            "(UNGP 24). Att stänga ute ett helt land tar försörjningen från familjer utan att hjälpa barnen.",
            "Remedy is owed by whoever causes or contributes (UNGP 22). A directly linked buyer can take a role "
            "through its leverage. That part of the harm is irreversible makes prevention urgent (UNGP 24). "
            "Shutting out a whole country takes livelihoods from families without helping the children.",
        ),
        "discuss": (
            "Vilka program för barn i gruvområden känner ni till, och hur kan köpare stödja dem?",
            "Which programmes for children in mining areas do you know of, and how can buyers support them?",
        ),
    },
    "actions": {
        "options": [
            (
                "Kräv spårbarhet och riskbaserad tillbörlig aktsamhet för kobolt enligt OECD:s vägledning för mineral",
                "Require traceability and risk-based due diligence for cobalt following the OECD minerals guidance",
            ),
            (
                "Bygg kollektiv hävstång med andra offentliga köpare och branschinitiativ",
                "Build collective leverage with other public buyers and industry initiatives",
            ),
            (
                "Kräv att varumärket stöder åtgärder för barnen i stället för att bara undvika området",
                "Require the brand to support measures for the children rather than just avoid the area",
            ),
            (
                "Kräv att leverantören helt undviker kobolt från DR Kongo",
                "Require the supplier to avoid all cobalt from DR Congo",
            ),
            (
                "Vänta tills regionen själv kan spåra varje gruva",
                "Wait until the region can trace every mine itself",
            ),
        ],
        "correct": [0, 1, 2],
        "why": (
            "Risken är kritisk och regionens egen hävstång liten, så den ska byggas tillsammans med andra. Krav "
            "på spårbarhet och aktsamhet riktas genom distributören till varumärket, som har störst inflytande. "
            "Att vänta eller undvika ett helt land skyddar inga barn.",
            "The risk is critical and the region's own leverage small, so it must be built together with others. "
            "Requirements for traceability and due diligence go through the distributor to the brand, which has "
            "the most influence. Waiting or avoiding a whole country protects no children.",
        ),
        "discuss": (
            "Vad kan regionen kräva i nästa upphandling av IT-utrustning?",
            "What can the region require in the next tender for IT equipment?",
        ),
    },
}
