import fs from "node:fs";
const dir = new URL(".", import.meta.url).pathname;
fs.mkdirSync(dir, { recursive: true });
// [code, label, [appellations], [savoir-faire], [savoir-être], [savoirs]]
const trades = [
  ["K2204", "Nettoyage de locaux", ["Agent / Agente d'entretien de locaux", "Agent / Agente de propreté des locaux"], [1, 2, 3, 4], [101, 102, 103], [201, 202, 203]],
  ["K2303", "Nettoyage des espaces urbains", ["Agent / Agente de propreté urbaine", "Agent / Agente de voirie"], [5, 6, 2], [101, 104], [202, 204]],
  ["A1203", "Aménagement et entretien des espaces verts", ["Jardinier / Jardinière d'espaces verts", "Agent / Agente d'entretien des espaces verts"], [7, 8, 9], [101, 104, 105], [205, 206]],
  ["A1202", "Entretien des espaces naturels", ["Agent / Agente d'entretien des espaces naturels"], [8, 10], [104, 105], [205]],
  ["M1602", "Opérations administratives", ["Agent / Agente administratif(ve)", "Employé / Employée administratif(ve)"], [11, 12, 13], [102, 106], [207, 208]],
  ["M1607", "Secrétariat", ["Secrétaire", "Secrétaire de mairie"], [11, 13, 14], [102, 106, 107], [207, 208]],
  ["M1601", "Accueil et renseignements", ["Agent / Agente d'accueil", "Hôte / Hôtesse d'accueil"], [15, 16], [107, 103], [207]],
  ["G1202", "Animation d'activités culturelles ou ludiques", ["Animateur / Animatrice d'activités culturelles", "Animateur / Animatrice de loisirs"], [17, 18], [107, 108], [209]],
  ["K1206", "Intervention socioculturelle", ["Animateur / Animatrice socioculturel(le)", "Animateur / Animatrice de centre social"], [17, 19, 20], [107, 108, 109], [209, 210]],
  ["G1603", "Personnel polyvalent en restauration", ["Agent / Agente de restauration", "Agent / Agente de restauration scolaire"], [21, 22, 23], [101, 103], [211, 212]],
  ["G1602", "Personnel de cuisine", ["Commis / Commise de cuisine", "Cuisinier / Cuisinière de collectivité"], [22, 24], [101, 105], [211, 213]],
  ["G1605", "Plonge en restauration", ["Plongeur / Plongeuse en restauration"], [25, 3], [101, 103], [211]],
  ["K1303", "Assistance auprès d'enfants", ["Agent territorial spécialisé / Agente territoriale spécialisée des écoles maternelles (ATSEM)", "Auxiliaire de puériculture en crèche"], [26, 27], [107, 109], [212, 214]],
  ["K1302", "Assistance auprès d'adultes", ["Aide à domicile", "Auxiliaire de vie sociale"], [28, 29, 30], [107, 109, 103], [214, 215]],
  ["K1304", "Services domestiques", ["Aide ménager / ménagère à domicile"], [1, 30], [103, 109], [203]],
  ["K1305", "Intervention sociale et familiale", ["Technicien / Technicienne de l'intervention sociale et familiale"], [28, 31], [107, 109], [215, 216]],
  ["K1201", "Action sociale", ["Assistant / Assistante de service social"], [31, 32], [107, 109, 106], [216, 217]],
  ["K1205", "Information sociale", ["Agent / Agente d'accueil social", "Conseiller / Conseillère en information sociale"], [15, 32], [107, 109], [216]],
  ["K1801", "Conseil en emploi et insertion socioprofessionnelle", ["Conseiller / Conseillère en insertion professionnelle", "Conseiller / Conseillère emploi formation"], [33, 34], [107, 106], [217, 218]],
  ["I1203", "Maintenance des bâtiments et des locaux", ["Agent / Agente de maintenance des bâtiments", "Agent / Agente technique polyvalent(e)"], [35, 36, 37], [101, 104, 105], [219, 220]],
  ["F1603", "Installation d'équipements sanitaires et thermiques", ["Plombier / Plombière"], [37, 38], [101, 105], [219, 220]],
  ["F1606", "Peinture en bâtiment", ["Peintre en bâtiment"], [39, 40], [101, 105], [220, 221]],
  ["K2501", "Gardiennage de locaux", ["Gardien / Gardienne d'équipement sportif", "Gardien / Gardienne d'immeuble"], [41, 16], [102, 103], [222]],
  ["K1707", "Surveillance municipale", ["Agent / Agente de surveillance de la voie publique (ASVP)", "Policier municipal / Policière municipale"], [42, 43], [102, 110], [223, 224]],
  ["N1103", "Magasinage et préparation de commandes", ["Magasinier / Magasinière"], [44, 45], [101, 102], [225, 202]],
  ["N4105", "Conduite et livraison par tournées sur courte distance", ["Chauffeur-livreur / Chauffeuse-livreuse"], [46, 45], [102, 105], [226]],
  ["M1203", "Comptabilité", ["Comptable", "Agent / Agente de gestion comptable"], [47, 48], [102, 106], [208, 227]],
  ["M1501", "Assistanat en ressources humaines", ["Assistant / Assistante ressources humaines", "Gestionnaire paie et carrière"], [49, 13], [102, 106], [208, 228]],
  ["K1202", "Éducation de jeunes enfants", ["Éducateur / Éducatrice de jeunes enfants"], [26, 50], [107, 109], [214, 229]],
  ["K2305", "Salubrité et traitement de nuisibles", ["Agent / Agente de désinsectisation et dératisation"], [51, 4], [101, 102], [203, 230]],
  ["K2203", "Management et inspection en propreté de locaux", ["Chef / Cheffe d'équipe propreté"], [52, 1], [106, 110], [201, 203]],
  ["K1802", "Développement local", ["Chargé / Chargée de développement local"], [53, 34], [106, 108], [218]],
];
const sf = {
  1: "Nettoyer des locaux", 2: "Évacuer les déchets et les ordures", 3: "Nettoyer du matériel ou un équipement", 4: "Appliquer les règles d'hygiène et de sécurité",
  5: "Balayer et nettoyer la voie publique", 6: "Conduire un engin de nettoiement", 7: "Réaliser des plantations", 8: "Tailler des végétaux", 9: "Tondre une pelouse",
  10: "Entretenir un sentier ou un espace naturel", 11: "Saisir des documents numériques", 12: "Classer et archiver des documents", 13: "Rédiger un courrier administratif",
  14: "Organiser un planning de rendez-vous", 15: "Accueillir et orienter le public", 16: "Renseigner un usager sur un service", 17: "Animer une activité de loisirs",
  18: "Concevoir un programme d'animation", 19: "Conduire un projet d'animation sociale", 20: "Encadrer un groupe", 21: "Servir des repas en collectivité",
  22: "Préparer des plats simples", 23: "Mettre en place une salle de restauration", 24: "Réaliser des préparations culinaires", 25: "Laver la vaisselle et les ustensiles",
  26: "Accompagner l'enfant dans les actes de la vie quotidienne", 27: "Préparer une activité pour des enfants", 28: "Accompagner une personne dans les actes de la vie quotidienne",
  29: "Préparer des repas à domicile", 30: "Entretenir le linge et le logement", 31: "Évaluer la situation sociale d'une personne", 32: "Informer sur les droits et les aides sociales",
  33: "Accompagner une personne dans son projet professionnel", 34: "Animer un réseau de partenaires", 35: "Réaliser des travaux d'entretien courant d'un bâtiment",
  36: "Diagnostiquer une panne simple", 37: "Réparer une installation de plomberie", 38: "Poser des équipements sanitaires", 39: "Préparer un support avant peinture",
  40: "Appliquer une peinture ou un revêtement", 41: "Surveiller un site ou un équipement", 42: "Relever une infraction au stationnement", 43: "Faire respecter un arrêté municipal",
  44: "Réceptionner et contrôler une livraison", 45: "Charger et décharger des marchandises", 46: "Livrer des marchandises sur une tournée", 47: "Enregistrer des opérations comptables",
  48: "Préparer un mandatement ou une facture", 49: "Gérer un dossier administratif du personnel", 50: "Concevoir un projet éducatif", 51: "Traiter un local contre les nuisibles",
  52: "Encadrer une équipe de propreté", 53: "Conduire un diagnostic de territoire",
};
const se = {
  101: "Faire preuve de rigueur et de précision", 102: "Faire preuve d'autonomie", 103: "Faire preuve de réactivité", 104: "Travailler en équipe",
  105: "Faire preuve de persévérance", 106: "Organiser son travail selon les priorités", 107: "Faire preuve d'écoute et de bienveillance",
  108: "Faire preuve de créativité, d'inventivité", 109: "Faire preuve de discrétion", 110: "Faire preuve de leadership",
};
const sv = {
  201: ["Techniques de nettoyage", "Propreté"], 202: ["Règles de tri sélectif", "Environnement"], 203: ["Produits d'entretien et de désinfection", "Propreté"],
  204: ["Règles de sécurité routière", "Sécurité"], 205: ["Botanique", "Espaces verts"], 206: ["Utilisation de matériel motorisé d'espaces verts", "Espaces verts"],
  207: ["Outils bureautiques", "Informatique"], 208: ["Fonctionnement des collectivités territoriales", "Administration"], 209: ["Techniques d'animation de groupe", "Animation"],
  210: ["Méthodologie de projet", "Gestion de projet"], 211: ["Normes d'hygiène alimentaire (HACCP)", "Hygiène"], 212: ["Règles de sécurité alimentaire en restauration scolaire", "Hygiène"],
  213: ["Techniques culinaires", "Restauration"], 214: ["Développement de l'enfant", "Petite enfance"], 215: ["Gestes et postures de manutention", "Santé au travail"],
  216: ["Législation sociale", "Droit"], 217: ["Dispositifs d'insertion", "Action sociale"], 218: ["Marché du travail local", "Emploi"],
  219: ["Lecture de plans et de schémas", "Bâtiment"], 220: ["Normes de sécurité sur un chantier", "Bâtiment"], 221: ["Types de peintures et de revêtements", "Bâtiment"],
  222: ["Réglementation de la sécurité incendie", "Sécurité"], 223: ["Code de la route", "Droit"], 224: ["Pouvoirs de police du maire", "Droit"],
  225: ["Gestion des stocks", "Logistique"], 226: ["Permis B", "Transport"], 227: ["Comptabilité publique", "Finance"], 228: ["Statut de la fonction publique territoriale", "Droit"],
  229: ["Pédagogie", "Petite enfance"], 230: ["Produits biocides", "Hygiène"],
};
const ogrSf = (n) => String(100000 + Number(n));
const ogrSe = (n) => String(300000 + Number(n));
const ogrSv = (n) => String(120000 + Number(n));
const q = (s) => (/[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const line = (cells) => cells.map((c) => q(String(c))).join(",");
const write = (name, header, rows) => fs.writeFileSync(`${dir}/${name}`, `${[line(header), ...rows.map(line)].join("\n")}\n`);
const ficheId = 1000;
write("unix_referentiel_code_rome_v460_utf8.csv",
  ["code_rome", "code_fiche_metier", "code_ogr", "libelle_rome", "code_rome_parent", "transition_eco", "transition_num", "transition_demo", "emploi_cadre", "emploi_reglemente"],
  trades.map(([code, label], i) => [code, ficheId + i, 10000 + i, label, "", "Emploi Blanc", "N", "N", "N", "N"]));
let app = 20000;
write("unix_referentiel_appellation_v460_utf8.csv",
  ["code_ogr", "code_rome", "libelle_appellation_long", "libelle_appellation_court", "emploi_cadre", "emploi_reglemente"],
  trades.flatMap(([code, , apps]) => apps.map((a) => [app++, code, a, a, "N", "N"])));
write("unix_referentiel_competence_v460_utf8.csv",
  ["code_ogr", "libelle_competence", "code_ogr_macro_comp", "cat_comp", "sous_cat_comp", "transition_eco", "transition_num"],
  [...Object.entries(sf).map(([n, l]) => [ogrSf(n), l, "", "Savoir-faire", "", "N", "N"]), ...Object.entries(se).map(([n, l]) => [ogrSe(n), l, "", "Savoir-être professionnel", "", "N", "N"])]);
write("unix_referentiel_savoir_v460_utf8.csv",
  ["code_ogr_savoir", "libelle_savoir", "categorie_savoir", "sous_categorie_savoir", "transition_eco", "transition_num"],
  Object.entries(sv).map(([n, [l, cat]]) => [ogrSv(n), l, cat, "", "N", "N"]));
const links = [];
for (const [code, , , f, e, s] of trades) {
  for (const n of f) links.push([code, ogrSf(n), 5, 1]);
  for (const n of e) links.push([code, ogrSe(n), 5, 2]);
  for (const n of s) links.push([code, ogrSv(n), 5, 3]);
  links.push([code, String(400000 + code.charCodeAt(0)), 6, ""]); // a work context (bloc 6): not a skill, not loaded
}
write("unix_liens_rome_referentiels_v460_utf8.csv", ["code_rome", "code_ogr", "code_compo_bloc", "code_rubrique"], links);
const counts = { trades: trades.length, appellations: app - 20000, skills: Object.keys(sf).length + Object.keys(se).length + Object.keys(sv).length,
  links: links.filter((l) => l[2] === 5).length, linkRows: links.length };
console.log(JSON.stringify(counts));
