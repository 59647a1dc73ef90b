//! The vocabulary of sharing: data categories, legal bases and purposes, with the stable codes the
//! covenant files, the CLI and the store use. Which combination is allowed is the covenant's
//! business (`covenant.rs`); this file only names things.

use crate::user::code_enum;

code_enum!(
    /// A kind of personal data (domain.md §d).
    DataCategory {
        Identiteit = "identiteit", "identiteitsgegevens";
        Signaal = "signaal", "signaal / melding";
        Politiegegevens = "politiegegevens", "politiegegevens";
        Strafvorderlijk = "strafvorderlijk", "strafvorderlijke gegevens";
        Justitieel = "justitieel", "justitiële gegevens";
        Reclasseringsgegevens = "reclasseringsgegevens", "reclasseringsgegevens";
        Jeugdbescherming = "jeugdbescherming", "jeugdbeschermingsgegevens";
        Gezondheid = "gezondheid", "gezondheidsgegevens";
        Levensovertuiging = "levensovertuiging", "levensovertuiging / ideologie";
        Netwerk = "netwerk", "netwerk en relaties";
        Risicotaxatie = "risicotaxatie", "risicotaxatie";
        Interventie = "interventie", "interventies en maatregelen";
        Besluit = "besluit", "besluiten van het overleg";
    }
);

impl DataCategory {
    /// A special category of personal data (GDPR art. 9) [I: mapping].
    pub fn is_special(self) -> bool {
        matches!(self, DataCategory::Gezondheid | DataCategory::Levensovertuiging)
    }

    /// Criminal-law data (GDPR art. 10) [I: mapping].
    pub fn is_criminal(self) -> bool {
        matches!(
            self,
            DataCategory::Politiegegevens | DataCategory::Strafvorderlijk | DataCategory::Justitieel
        )
    }
}

code_enum!(
    /// A legal basis for providing data (domain.md §d; article numbers from older consolidations).
    LegalBasis {
        Wpg16 = "wpg_16", "Wpg art. 16 lid 1 sub c (burgemeester, openbare orde)";
        Wpg18_2 = "wpg_18_2", "Wpg art. 18 lid 2 (machtigingsbesluit PGA 2017)";
        Wpg19 = "wpg_19", "Wpg art. 19 (incidentele verstrekking)";
        Wpg20 = "wpg_20", "Wpg art. 20 (samenwerkingsverband)";
        Wjsg39f = "wjsg_39f", "Wjsg art. 39f (strafvorderlijke gegevens)";
        Wjsg8a = "wjsg_8a", "Wjsg art. 8a (justitiële gegevens)";
        Wjsg42 = "wjsg_42", "Wjsg art. 42 lid 4 (rapportages reclassering/RvdK)";
        PgaWet = "pga_wet", "Wet gegevensverwerking PGA / convenant";
        Avg6_1e = "avg_6_1_e", "AVG art. 6 lid 1 sub e (publieke taak)";
        TaakRvdk = "taak_rvdk", "wettelijke taak Raad voor de Kinderbescherming (BW boek 1)";
        TaakReclassering = "taak_reclassering", "wettelijke taak reclassering";
        Toestemming = "toestemming", "toestemming van betrokkene";
        ConflictVanPlichten = "conflict_van_plichten", "conflict van plichten";
    }
);

code_enum!(
    /// Why data is shared. The covenant knows one purpose: the PGA.
    SharePurpose {
        Pga = "pga", "persoonsgerichte aanpak radicalisering";
    }
);

code_enum!(
    /// How reliable a signal is.
    Reliability {
        Signal = "signal", "signaal (niet geverifieerd)";
        Fact = "fact", "vastgesteld feit";
    }
);
