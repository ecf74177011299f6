"""The labelled evaluation set for name matching: (subject, subject country, list name, list country,
same organisation?, kind). Real-looking names of the kinds supply chains and lists hold."""

# Each group: the name as a list writes it, its country, and ways a supplier register or a supply
# chain disclosure writes the same organisation.
SAME = [
    (
        "Hoshine Silicon Industry Co., Ltd.",
        "CHN",
        [
            "Hoshine Silicon Industry Company Limited",
            "HOSHINE SILICON INDUSTRY",
            "Silicon Industry Hoshine Co",
        ],
    ),
    (
        "Xinjiang Production and Construction Corps",
        "CHN",
        [
            "XINJIANG PRODUCTION & CONSTRUCTION CORPS",
            "Production and Construction Corps Xinjiang",
            "Xinjiang Production and Construction Corp.",
        ],
    ),
    (
        "Top Glove Corporation Bhd",
        "MYS",
        ["TOP GLOVE CORP. BHD.", "Top Glove Sdn Bhd", "Top Glove Corporation Berhad"],
    ),
    (
        "Xinjiang Huafu Fashion Co., Ltd.",
        "CHN",
        ["新疆华孚时尚有限公司", "Huafu Fashion Xinjiang", "XINJIANG HUAFU FASHION CO LTD"],
    ),
    ("Romashka LLC", "RUS", ["ООО Ромашка", "Romashka Limited Liability Company", "OOO Romashka"]),
    ("Severstal PJSC", "RUS", ["ПАО Северсталь", "Severstal", "PAO Severstal"]),
    (
        "Ningbo Junhe Textile Co., Ltd.",
        "CHN",
        ["宁波君和纺织有限公司", "NINGBO JUNHE TEXTILE", "Junhe Textile Ningbo Co Ltd"],
    ),
    (
        "Nordic Textile Trading AB",
        "SWE",
        ["Nordic Textile Trading Aktiebolag", "NORDIC TEXTILE TRADING", "Textile Trading Nordic AB"],
    ),
    (
        "Şişecam Fabrikası A.Ş.",
        "TUR",
        ["Sisecam Fabrikasi AS", "SISECAM FABRIKASI", "Şişecam Fabrikası Anonim Şirketi"],
    ),
    (
        "Dongguan Shengda Gloves Factory",
        "CHN",
        ["东莞盛达手套厂", "Shengda Gloves Factory Dongguan", "DONGGUAN SHENGDA GLOVES FACTORY CO"],
    ),
    (
        "Supermax Corporation Berhad",
        "MYS",
        ["SUPERMAX CORP BHD", "Supermax Corporation Bhd.", "Supermax Sdn. Bhd."],
    ),
    (
        "Korea Mining Development Trading Corporation",
        "PRK",
        [
            "KOREA MINING DEVELOPMENT TRADING CORP",
            "Mining Development Trading Corporation Korea",
            "Korea Mining Development Trading Corp.",
        ],
    ),
    (
        "Hetian Taida Apparel Co., Ltd.",
        "CHN",
        ["和田泰达服装有限公司", "HETIAN TAIDA APPAREL", "Taida Apparel Hetian"],
    ),
    (
        "Xinjiang Zhongtai Chemical Co., Ltd.",
        "CHN",
        ["新疆中泰化学股份有限公司", "Zhongtai Chemical Xinjiang Co Ltd", "XINJIANG ZHONGTAI CHEMICAL"],
    ),
    ("Camel Group Co., Ltd.", "CHN", ["骆驼集团股份有限公司", "CAMEL GROUP", "Camel Co., Ltd."]),
    (
        "Baoding Shimiao Trading GmbH",
        "DEU",
        ["Baoding Shimiao Trading", "BAODING SHIMIAO TRADING GMBH", "Shimiao Baoding Trading"],
    ),
    (
        "Lop County Meixin Hair Products Co., Ltd.",
        "CHN",
        [
            "LOP COUNTY MEIXIN HAIR PRODUCTS",
            "Meixin Hair Products Lop County",
            "Lop County Meixin Hair Product Co",
        ],
    ),
    (
        "Aksu Huafu Textiles Co.",
        "CHN",
        ["阿克苏华孚纺织", "AKSU HUAFU TEXTILES CO LTD", "Huafu Textiles Aksu"],
    ),
    (
        "Central Fibers Holding S.A.",
        "BRA",
        ["Central Fibers S.A.", "CENTRAL FIBERS HOLDING SA", "Central Fibres Holding"],
    ),
    (
        "Tianjin Magnesium International Co., Ltd.",
        "CHN",
        ["TIANJIN MAGNESIUM INTERNATIONAL", "天津镁国际有限公司", "Magnesium International Tianjin Co Ltd"],
    ),
    (
        "Smart Glove Corporation Sdn Bhd",
        "MYS",
        ["SMART GLOVE CORP SDN BHD", "Smart Glove Corporation", "Smart Gloves Corporation Sdn. Bhd."],
    ),
    (
        "Sichuan Jingweida Technology Group Co., Ltd.",
        "CHN",
        ["四川精位达科技集团有限公司", "SICHUAN JINGWEIDA TECHNOLOGY", "Jingweida Technology Sichuan Group"],
    ),
    ("Uralkhim JSC", "RUS", ["АО Уралхим", "URALKHIM", "Uralkhim Joint Stock Company"]),
    ("Cong Ty TNHH Viet Tien", "VNM", ["Công ty TNHH Việt Tiến", "Viet Tien Co., Ltd.", "VIET TIEN TNHH"]),
    (
        "Emirates Cotton Traders LLC",
        "ARE",
        ["EMIRATES COTTON TRADERS L.L.C.", "Cotton Traders Emirates", "Emirates Cotton Traders"],
    ),
    ("Bingtuan Cotton Company", "CHN", ["兵团棉花公司", "BINGTUAN COTTON CO", "Cotton Company Bingtuan"]),
    (
        "Zhejiang Bohai Industrial Group",
        "CHN",
        ["ZHEJIANG BOHAI INDUSTRIAL GROUP CO LTD", "Bohai Industrial Zhejiang", "浙江渤海实业集团"],
    ),
    (
        "Ansell Lanka (Pvt) Ltd",
        "LKA",
        ["ANSELL LANKA PVT LTD", "Ansell Lanka Private Limited", "Lanka Ansell"],
    ),
    (
        "Brightway Holdings Sdn Bhd",
        "MYS",
        ["BRIGHTWAY HOLDINGS SDN. BHD.", "Brightway Holding", "Brightway Sdn Bhd"],
    ),
    (
        "Hefei Bitland Information Technology Co., Ltd.",
        "CHN",
        [
            "合肥联宝信息技术有限公司",
            "HEFEI BITLAND INFORMATION TECHNOLOGY",
            "Bitland Information Technology Hefei",
        ],
    ),
    (
        "YTY Industry Holdings Sdn Bhd",
        "MYS",
        ["YTY INDUSTRY HOLDINGS", "Y.T.Y. Industry Holdings Sdn. Bhd.", "YTY Industry Sdn Bhd"],
    ),
    (
        "Nanjing Synergy Textiles Co., Ltd.",
        "CHN",
        ["NANJING SYNERGY TEXTILES", "Synergy Textiles Nanjing Co Ltd", "Nanjing Synergy Textile Co."],
    ),
    ("Kuok Brothers Sdn Bhd", "MYS", ["KUOK BROTHERS SDN. BHD.", "Kuok Brothers", "Brothers Kuok Sdn Bhd"]),
    (
        "Turkmen Cotton Agency",
        "TKM",
        ["TURKMEN COTTON AGENCY", "Cotton Agency Turkmen", "Turkmen Cotton Agency LLC"],
    ),
    (
        "Dalian Ocean Fishing Co., Ltd.",
        "CHN",
        ["大连远洋渔业有限公司", "DALIAN OCEAN FISHING", "Ocean Fishing Dalian Co Ltd"],
    ),
    (
        "Sun Moon Tuna Fisheries Ltd",
        "TWN",
        ["SUN MOON TUNA FISHERIES LIMITED", "Tuna Fisheries Sun Moon", "Sun Moon Tuna Fishery Ltd."],
    ),
    (
        "Jiangxi Hongyuan Mining Co., Ltd.",
        "CHN",
        ["江西宏远矿业有限公司", "JIANGXI HONGYUAN MINING", "Hongyuan Mining Jiangxi"],
    ),
    (
        "Göteborgs Verkstads AB",
        "SWE",
        ["Goteborgs Verkstads Aktiebolag", "GÖTEBORGS VERKSTADS", "Goeteborgs Verkstads AB"],
    ),
    (
        "Bajaj Steel Industries Pvt. Ltd.",
        "IND",
        ["BAJAJ STEEL INDUSTRIES PRIVATE LIMITED", "Steel Industries Bajaj", "Bajaj Steel Industries"],
    ),
    ("Al Noor Carpets Co.", "PAK", ["AL-NOOR CARPETS CO", "Al Noor Carpets Company", "Noor Carpets Al"]),
]

# Different organisations that share words, a place or a legal form (near misses), in one country.
DIFFERENT = [
    ("Nordic Textile Trading AB", "Nordic Metal Trading AB", "SWE"),
    ("Nordic Textile Trading AB", "Baltic Textile Trading AB", "SWE"),
    ("Hoshine Silicon Industry Co., Ltd.", "Hoshine Chemical Co., Ltd.", "CHN"),
    ("Hoshine Silicon Industry Co., Ltd.", "Tongwei Silicon Industry Co., Ltd.", "CHN"),
    ("Xinjiang Huafu Fashion Co., Ltd.", "Xinjiang Tianshan Wool Co., Ltd.", "CHN"),
    ("Xinjiang Huafu Fashion Co., Ltd.", "Zhejiang Huafu Fashion Co., Ltd.", "CHN"),
    ("Top Glove Corporation Bhd", "Hartalega Glove Bhd", "MYS"),
    ("Top Glove Corporation Bhd", "Top Rubber Corporation Bhd", "MYS"),
    ("Supermax Corporation Berhad", "Supermed Corporation Berhad", "MYS"),
    ("Romashka LLC", "Lyutik LLC", "RUS"),
    ("Severstal PJSC", "Magnitogorsk Iron and Steel Works PJSC", "RUS"),
    ("Ningbo Junhe Textile Co., Ltd.", "Ningbo Youngor Textile Co., Ltd.", "CHN"),
    ("Ningbo Junhe Textile Co., Ltd.", "Ningbo Junhe Logistics Co., Ltd.", "CHN"),
    ("Dongguan Shengda Gloves Factory", "Dongguan Hongda Shoes Factory", "CHN"),
    ("Dongguan Shengda Gloves Factory", "Shenzhen Shengda Electronics Factory", "CHN"),
    ("Korea Mining Development Trading Corporation", "Korea Ryonbong General Corporation", "PRK"),
    ("Hetian Taida Apparel Co., Ltd.", "Hetian Haolin Hair Accessories Co., Ltd.", "CHN"),
    ("Xinjiang Zhongtai Chemical Co., Ltd.", "Xinjiang Tianye Chemical Co., Ltd.", "CHN"),
    ("Camel Group Co., Ltd.", "Eagle Group Co., Ltd.", "CHN"),
    ("Baoding Shimiao Trading GmbH", "Baoding Tianwei Trading GmbH", "DEU"),
    ("Lop County Meixin Hair Products Co., Ltd.", "Lop County Hair Products Industrial Park", "CHN"),
    ("Aksu Huafu Textiles Co.", "Aksu Jinyuan Textiles Co.", "CHN"),
    ("Central Fibers Holding S.A.", "Central Steel Holding S.A.", "BRA"),
    ("Tianjin Magnesium International Co., Ltd.", "Tianjin Steel International Co., Ltd.", "CHN"),
    ("Smart Glove Corporation Sdn Bhd", "Smart Shoe Corporation Sdn Bhd", "MYS"),
    ("Sichuan Jingweida Technology Group Co., Ltd.", "Sichuan Changhong Technology Group Co., Ltd.", "CHN"),
    ("Uralkhim JSC", "Uralkali JSC", "RUS"),
    ("Cong Ty TNHH Viet Tien", "Cong Ty TNHH Viet Thang", "VNM"),
    ("Emirates Cotton Traders LLC", "Emirates Steel Traders LLC", "ARE"),
    ("Bingtuan Cotton Company", "Bingtuan Tomato Company", "CHN"),
    ("Zhejiang Bohai Industrial Group", "Zhejiang Geely Industrial Group", "CHN"),
    ("Ansell Lanka (Pvt) Ltd", "Dipped Products Lanka (Pvt) Ltd", "LKA"),
    ("Brightway Holdings Sdn Bhd", "Brightpoint Holdings Sdn Bhd", "MYS"),
    (
        "Hefei Bitland Information Technology Co., Ltd.",
        "Hefei Meiling Information Technology Co., Ltd.",
        "CHN",
    ),
    ("YTY Industry Holdings Sdn Bhd", "WRP Industry Holdings Sdn Bhd", "MYS"),
    ("Nanjing Synergy Textiles Co., Ltd.", "Nanjing Energy Textiles Co., Ltd.", "CHN"),
    ("Kuok Brothers Sdn Bhd", "Kwok Sisters Sdn Bhd", "MYS"),
    ("Turkmen Cotton Agency", "Turkmen Gas Agency", "TKM"),
    ("Dalian Ocean Fishing Co., Ltd.", "Dalian Ocean Shipping Co., Ltd.", "CHN"),
    ("Sun Moon Tuna Fisheries Ltd", "Star Sea Tuna Fisheries Ltd", "TWN"),
    ("Jiangxi Hongyuan Mining Co., Ltd.", "Jiangxi Copper Mining Co., Ltd.", "CHN"),
    ("Göteborgs Verkstads AB", "Malmö Verkstads AB", "SWE"),
    ("Bajaj Steel Industries Pvt. Ltd.", "Tata Steel Industries Pvt. Ltd.", "IND"),
    ("Al Noor Carpets Co.", "Al Fajr Carpets Co.", "PAK"),
    ("Leverantör A AB", "Leverantör B AB", "SWE"),
    ("Vårdgruppen Syd AB", "Vårdgruppen Nord AB", "SWE"),
    ("Medline Scandinavia AB", "Mölnlycke Scandinavia AB", "SWE"),
    ("Abena Nordic AB", "Essity Nordic AB", "SWE"),
    ("Guangzhou Baiyun Gloves Co., Ltd.", "Guangzhou Baiyun Shoes Co., Ltd.", "CHN"),
    ("Shandong Ruyi Technology Group", "Shandong Weiqiao Technology Group", "CHN"),
]


def pairs() -> list[tuple[str, str, str, str, bool, str]]:
    """Every labelled pair: the variants (same country: a match; another country: not), and the near misses."""
    result = []
    for listed, country, variants in SAME:
        for variant in variants:
            result.append((variant, country, listed, country, True, "variant"))
        # The same name in another country is another organisation (a namesake abroad).
        result.append(
            (variants[0], "SWE" if country != "SWE" else "NOR", listed, country, False, "other country")
        )
    for listed, other, country in DIFFERENT:
        result.append((other, country, listed, country, False, "near miss"))
    return result
