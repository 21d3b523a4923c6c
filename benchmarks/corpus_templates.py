"""Phrase banks for the realistic benchmark corpus (``make_corpus.py --profile realistic``).

Every sentence here was written for hoguide's benchmarks: the notes are fictional and no text is taken from MIMIC or
any other collection of real notes. Only the *shape* of real notes is imitated (section order, list layouts, lab-line
and medication-line formats, the share of negated and historical statements).

Templates hold ``{placeholders}``. Those in ``corpus_notes.FILLERS`` (``{mm}``, ``{cm}``, ``{level}``, ``{date}`` ...)
are drawn fresh for each sentence; the note builders set the others (``{side}``, ``{joint}``, ``{he}``, ``{his}``,
``{age}``, ``{sex}`` ...) once per note, so one note keeps one side, one joint and one patient.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --------------------------------------------------------------------------------------------------------------------
# People, places, times
# --------------------------------------------------------------------------------------------------------------------

SURNAMES = [
    "Abara", "Lindqvist", "Okonkwo", "Marchetti", "Haddad", "Nakamura", "Fitzgerald", "Oyelaran", "Kowalczyk",
    "Delacroix", "Brennan", "Achterberg", "Solberg", "Ramanathan", "Quintero", "Vasquez", "Holloway", "Pereira",
    "Tanaka", "Ivanova", "McAllister", "Osei", "Castellano", "Whitcombe", "Ferreira", "Novak", "Albrecht", "Mwangi",
    "Sorensen", "Baptiste", "Kaur", "Lemaire", "Donnelly", "Yilmaz", "Hargreaves", "Petrov", "Adeyemi", "Moreau",
    "Janssen", "Eriksson", "Blackwood", "Chaudhry", "Duarte", "Lindgren", "O'Sullivan", "Rasmussen", "Takahashi",
    "Voss", "Wiśniewski", "Zhang", "Álvarez", "Keane", "Mbeki", "Rossi", "Hughes", "Nilsen", "Farouk", "Gallagher",
]
INITIALS = list("ABCDEFGHJKLMNPRSTW")
CLINICIAN_ROLES = ["MD", "MD", "DO", "MBBS", "FRCS", "NP", "PA-C", "RN", "PT", "DPT"]
SERVICES = ["MEDICINE", "MEDICINE", "MEDICINE", "SURGERY", "ORTHOPAEDICS", "CARDIOLOGY", "NEUROLOGY",
            "GERIATRICS", "TRAUMA SURGERY", "NEUROSURGERY"]
SPECIALTIES = ["cardiology", "nephrology", "orthopaedics", "endocrinology", "pulmonology", "neurology", "hepatology",
               "urology", "rheumatology", "infectious diseases", "physical medicine and rehabilitation", "podiatry",
               "wound care", "hematology", "general surgery", "vascular surgery", "gastroenterology"]
LIVING = ["alone in a first-floor apartment", "with {his} wife", "with {his} husband", "with {his} daughter",
          "with a partner in a two-storey house", "in an assisted living facility", "alone with daily home help",
          "with two adult sons", "in a group home", "with {his} spouse and grandchildren"]
MOBILITY_AIDS = ["no assistive device", "a single-point cane", "a front-wheeled walker", "a rollator",
                 "a manual wheelchair for longer distances", "bilateral forearm crutches", "a quad cane"]
OCCUPATIONS = ["retired teacher", "retired machinist", "bus driver", "warehouse worker", "accountant",
               "software developer", "nurse's aide", "construction worker", "retired postal worker", "chef",
               "farmer", "student", "electrician", "hairdresser", "unemployed", "retired engineer", "cleaner",
               "sales representative", "security guard", "carpenter"]
RELATIVES = ["Mother", "Father", "Brother", "Sister", "Maternal grandmother", "Paternal grandfather", "Maternal uncle",
             "Paternal aunt", "Son", "Daughter"]
FAMILY_CONDITIONS = ["coronary artery disease", "type 2 diabetes", "breast cancer", "colon cancer", "hypertension",
                     "stroke in her seventies", "dementia", "prostate cancer", "rheumatoid arthritis", "asthma",
                     "an abdominal aortic aneurysm", "lung cancer (smoker)", "hypothyroidism", "Parkinson disease",
                     "sudden cardiac death at 52", "osteoporosis with hip fracture", "alcohol use disorder",
                     "chronic kidney disease on dialysis", "lupus", "glaucoma", "bipolar disorder",
                     "no known illnesses"]
TOBACCO = ["Never smoker.", "Former smoker, quit {year}, about {n}0 pack-years.", "Current smoker, half a pack daily.",
           "Smokes {n} cigarettes a day; counselled on cessation.", "Quit smoking {n} years ago.", "Vapes daily."]
ALCOHOL = ["Drinks socially, 2-3 drinks per week.", "No alcohol use.", "Reports {n} beers daily.",
           "Occasional wine with dinner.", "History of heavy use, abstinent for {n} years.",
           "Drinks a bottle of wine most evenings by {his} own account."]
DRUGS = ["Denies recreational drug use.", "No illicit drugs.", "Occasional cannabis.",
         "Remote cocaine use, none in over a decade.", "Denies IV drug use."]

# --------------------------------------------------------------------------------------------------------------------
# Radiology
# --------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One findings paragraph: a header, normal sentences and abnormal templates."""

    header: str
    normal: list[str]
    abnormal: list[str]
    abnormal_rate: float = 0.3
    optional: bool = False


@dataclass(frozen=True)
class Exam:
    """One kind of imaging study."""

    titles: list[str]
    techniques: list[str]
    reasons: list[str]
    sections: list[Section]
    normal_impressions: list[str]
    weight: float
    comparison_rate: float = 0.6
    joints: list[str] = field(default_factory=list)  # MSK exams: the joint the study is about


INDICATION_FORMS = [
    "{age}-year-old {sex} with {reason}.",
    "{age}-year-old {sex} with a history of {condition}, now with {reason}. Evaluate for acute process.",
    "{age} year old {sex} with {condition} presenting with {reason}. Please assess for interval change.",
    "{age} y/o {sex_short}, {reason}.",
    "{Reason}.",
    "{Reason}. Evaluate.",
    "History: {reason}.",
    "{age}-year-old {sex} with {reason}; please assess.",
]
COMPARISONS = ["None.", "None available.", "{prior}.", "Radiographs from {prior}.", "CT of {prior}.",
               "Prior study of {prior}.", "Outside films from {n} months ago, not available for direct comparison.",
               "Multiple prior studies, most recently {prior}."]
SIGNOFFS = ["Dictated by: Dr. {doctor}. Electronically signed {date} {time}.",
            "Reading radiologist: {doctor}, MD.", "I have personally reviewed the images and agree with the report. "
            "Attending: {doctor}.", "Preliminary findings discussed with the ordering team at {time}.",
            "Findings communicated to Dr. {doctor} by telephone at {time} on {date}.", "Signed: {doctor}, MD, {date}."]

CHEST_XR = Exam(
    titles=["CHEST (PA AND LATERAL)", "CHEST (PORTABLE AP)", "XR CHEST 2 VIEWS", "CHEST RADIOGRAPH, SINGLE VIEW"],
    techniques=["Frontal and lateral views of the chest.", "Single portable frontal view of the chest, patient "
                "semi-upright.", "PA and lateral radiographs of the chest.", "AP upright view of the chest."],
    reasons=["shortness of breath", "cough and fever for {days} days", "new oxygen requirement", "evaluate for "
             "pneumonia", "central line placement", "pleuritic chest pain", "post-operative day {days}, low oxygen "
             "saturation", "fall, rule out rib fracture", "pre-operative assessment", "fluid overload on dialysis",
             "hemoptysis", "sepsis of unclear source", "interval change in effusion", "nasogastric tube placement"],
    sections=[
        Section("LINES AND TUBES", ["No lines or tubes are present."], [
            "A right internal jugular central venous catheter terminates in the mid superior vena cava.",
            "Endotracheal tube tip lies {cm} cm above the carina.",
            "An enteric tube courses below the diaphragm with its tip in the stomach.",
            "Left chest wall pacemaker with leads in the right atrium and right ventricle, unchanged.",
            "A left-sided PICC ends at the cavoatrial junction.",
        ], 0.5, optional=True),
        Section("LUNGS", ["The lungs are clear.", "Lungs are well expanded and clear.",
                          "No focal consolidation.", "No focal airspace opacity is seen."], [
            "Patchy opacity at the {side} lung base may reflect atelectasis or early pneumonia.",
            "Streaky bibasilar opacities, most likely subsegmental atelectasis.",
            "Interval development of a {side} lower lobe consolidation.",
            "Mild interstitial prominence suggesting pulmonary vascular congestion.",
            "A {mm} mm nodular opacity projects over the {side} upper zone.",
            "Hyperinflated lungs with flattened hemidiaphragms, consistent with emphysema.",
            "Perihilar haziness and Kerley B lines, in keeping with interstitial edema.",
            "Coarse reticular markings at both bases, similar to the prior examination.",
        ], 0.4),
        Section("PLEURA", ["No pleural effusion or pneumothorax.", "No effusion. No pneumothorax."], [
            "Small {side} pleural effusion.",
            "Moderate bilateral pleural effusions, layering on this semi-upright view.",
            "Blunting of the {side} costophrenic angle, trace effusion versus pleural thickening.",
            "Small apical {side} pneumothorax measuring {mm} mm.",
            "Calcified pleural plaques along both hemidiaphragms.",
        ], 0.3),
        Section("HEART AND MEDIASTINUM", ["Cardiomediastinal silhouette is within normal limits.",
                                          "Heart size is normal. Hilar contours are unremarkable.",
                                          "Normal heart size and mediastinal contours."], [
            "The heart is moderately enlarged.",
            "Mild cardiomegaly, unchanged.",
            "Calcified, tortuous thoracic aorta.",
            "Prominent mediastinum, likely accentuated by AP technique and low lung volumes.",
            "Prosthetic aortic valve and median sternotomy wires.",
        ], 0.3),
        Section("BONES AND SOFT TISSUES", ["No acute osseous abnormality.", "Visualized bones are intact.",
                                           "Osseous structures are unremarkable for age."], [
            "Degenerative changes in the thoracic spine.",
            "Healed fracture deformity of the {side} {rib} rib.",
            "Surgical clips in the right upper quadrant.",
            "Mild compression deformity of a lower thoracic vertebral body, age indeterminate.",
            "Bilateral shoulder arthroplasties are partially imaged.",
        ], 0.25),
    ],
    normal_impressions=["No acute cardiopulmonary process.", "No radiographic evidence of pneumonia.",
                        "Clear lungs; no interval change.", "No acute intrathoracic abnormality."],
    weight=0.24,
    comparison_rate=0.7,
)

CT_CHEST = Exam(
    titles=["CT CHEST WITH CONTRAST", "CT CHEST WITHOUT CONTRAST", "CTA CHEST (PULMONARY EMBOLISM PROTOCOL)",
            "CT THORAX, LOW-DOSE"],
    techniques=["Helical axial images were acquired from the thoracic inlet through the adrenal glands after "
                "{contrast} mL of intravenous contrast. Coronal and sagittal reformations were reviewed.",
                "Non-contrast axial images of the chest with multiplanar reformats. DLP {dlp} mGy-cm.",
                "Pulmonary angiographic phase imaging following {contrast} mL of iodinated contrast; maximum "
                "intensity projections were created. Total DLP {dlp} mGy-cm."],
    reasons=["pleuritic chest pain and tachycardia, evaluate for pulmonary embolism", "lung nodule follow-up",
             "persistent cough and weight loss", "staging of newly diagnosed malignancy", "hemoptysis",
             "dyspnea with elevated D-dimer", "abnormal chest radiograph", "fever in a neutropenic patient",
             "trauma, restrained driver in a motor vehicle collision", "interstitial lung disease follow-up"],
    sections=[
        Section("PULMONARY ARTERIES", ["The pulmonary arteries opacify well; no filling defect is seen to the "
                                       "subsegmental level."], [
            "Filling defects in the {side} lower lobe segmental and subsegmental arteries, consistent with acute "
            "pulmonary emboli. RV to LV ratio is {ratio}.",
            "Saddle embolus at the main pulmonary artery bifurcation extending into both lobar arteries.",
            "Eccentric, web-like filling defect in a {side} lower lobe artery, likely chronic thromboembolic disease.",
        ], 0.25, optional=True),
        Section("LUNGS AND AIRWAYS", ["The lungs are clear. The central airways are patent.",
                                      "No consolidation, mass or suspicious nodule.",
                                      "No suspicious pulmonary nodules."], [
            "A {mm} mm solid nodule in the {side} upper lobe (series 4, image {n}{n}).",
            "Centrilobular and paraseptal emphysema, upper lobe predominant.",
            "Dependent atelectasis at both bases.",
            "Consolidation with air bronchograms in the {side} lower lobe.",
            "Peripheral reticulation and traction bronchiectasis at the bases without honeycombing.",
            "Scattered ground-glass opacities in both lungs, nonspecific, possibly infectious or inflammatory.",
            "Bronchial wall thickening and mucus plugging in the {side} lower lobe.",
            "A {mm} mm part-solid nodule in the {side} lower lobe, new since the prior study.",
            "Stable {mm2} mm calcified granuloma in the {side} middle zone.",
        ], 0.5),
        Section("PLEURA", ["No pleural effusion or pneumothorax."], [
            "Small {side} pleural effusion with adjacent compressive atelectasis.",
            "Moderate bilateral pleural effusions.",
            "Loculated {side} pleural fluid with enhancing pleura, concerning for empyema.",
            "Calcified pleural plaques, compatible with prior asbestos exposure.",
        ], 0.3),
        Section("MEDIASTINUM AND HILA", ["No mediastinal, hilar or axillary lymphadenopathy.",
                                         "Normal mediastinal contours. Thyroid gland unremarkable."], [
            "Enlarged subcarinal lymph node measuring {mm} mm in short axis.",
            "Mildly prominent mediastinal lymph nodes, likely reactive.",
            "Small hiatal hernia.",
            "Patulous fluid-filled esophagus.",
            "A {cm} cm hypodense thyroid nodule in the {side} lobe.",
        ], 0.3),
        Section("HEART AND GREAT VESSELS", ["Heart size is normal. No pericardial effusion.",
                                            "The thoracic aorta is normal in caliber."], [
            "Moderate coronary artery calcification.",
            "Cardiomegaly with a small pericardial effusion.",
            "Ascending aorta measures {cm} cm, mildly dilated.",
            "Dense aortic valve calcification.",
        ], 0.4),
        Section("UPPER ABDOMEN", ["Limited images of the upper abdomen are unremarkable."], [
            "Hypodense {cm} cm lesion in the liver, too small to characterize.",
            "Cholelithiasis without pericholecystic fluid.",
            "Small bilateral adrenal nodules, likely adenomas.",
            "Simple-appearing cyst in the {side} kidney.",
        ], 0.3),
        Section("BONES AND SOFT TISSUES", ["No suspicious osseous lesion.", "No acute fracture.",
                                           "Bones and chest wall are unremarkable."], [
            "Multilevel degenerative changes of the thoracic spine.",
            "Healing fractures of the {side} {rib} and {rib} ribs.",
            "Flowing anterior osteophytes along the thoracic spine, in keeping with diffuse idiopathic skeletal "
            "hyperostosis.",
            "Old compression deformity of T{vert_t} with about {pct} percent height loss.",
            "Gynecomastia.",
        ], 0.3),
    ],
    normal_impressions=["No pulmonary embolism.", "No acute intrathoracic abnormality.",
                        "No evidence of intrathoracic malignancy.", "No acute pulmonary embolism or aortic pathology."],
    weight=0.10,
)

CT_ABDOMEN = Exam(
    titles=["CT ABDOMEN AND PELVIS WITH CONTRAST", "CT ABDOMEN/PELVIS WITHOUT CONTRAST",
            "CT ABDOMEN AND PELVIS, RENAL STONE PROTOCOL", "CT A/P WITH ORAL AND IV CONTRAST"],
    techniques=["Axial images were obtained from the lung bases to the pubic symphysis after {contrast} mL of "
                "intravenous contrast. Coronal and sagittal reformats were generated. DLP {dlp} mGy-cm.",
                "Non-contrast low-dose images of the abdomen and pelvis. DLP {dlp} mGy-cm.",
                "Portal venous phase imaging of the abdomen and pelvis with positive oral contrast."],
    reasons=["right lower quadrant pain, evaluate for appendicitis", "left lower quadrant pain and fever",
             "flank pain and hematuria", "abdominal distension and vomiting", "elevated lipase",
             "anemia and weight loss", "post-operative fever on day {days}", "trauma, evaluate for injury",
             "jaundice", "diffuse abdominal pain with leukocytosis", "staging of colon cancer", "suspected abscess"],
    sections=[
        Section("LOWER CHEST", ["The lung bases are clear.", "No pleural or pericardial effusion at the bases."], [
            "Dependent atelectasis at both lung bases.", "Trace {side} pleural effusion.",
            "A {mm2} mm nodule in the {side} lower lobe; see recommendations.",
        ], 0.25),
        Section("LIVER", ["The liver is normal in size and attenuation without focal lesion.",
                          "Homogeneous hepatic enhancement; no focal lesion."], [
            "Diffuse hepatic steatosis.",
            "Nodular liver contour with caudate hypertrophy, consistent with cirrhosis.",
            "A {cm} cm arterially enhancing lesion in segment {liver_seg}, indeterminate.",
            "Several subcentimeter hypodensities, too small to characterize, likely cysts.",
        ], 0.3),
        Section("GALLBLADDER AND BILIARY", ["The gallbladder is unremarkable. No biliary dilatation.",
                                            "No intrahepatic or extrahepatic biliary ductal dilatation."], [
            "Cholelithiasis without gallbladder wall thickening.",
            "Gallbladder wall thickening with pericholecystic fluid, suspicious for acute cholecystitis.",
            "The common bile duct measures {mm2} mm.",
            "Status post cholecystectomy.",
        ], 0.3),
        Section("PANCREAS", ["The pancreas is normal.", "No pancreatic ductal dilatation or peripancreatic "
                                                         "stranding."], [
            "Peripancreatic fat stranding and fluid, compatible with acute interstitial pancreatitis.",
            "Coarse calcifications throughout the pancreas, compatible with chronic pancreatitis.",
            "A {mm} mm cystic lesion in the pancreatic tail.",
        ], 0.2),
        Section("SPLEEN", ["The spleen is normal in size."], [
            "Splenomegaly, measuring {n}{n2} cm in craniocaudal length.",
            "Small splenule near the splenic hilum.",
        ], 0.15),
        Section("ADRENAL GLANDS", ["The adrenal glands are unremarkable."], [
            "A {cm} cm {side} adrenal nodule with attenuation under 10 HU, consistent with an adenoma.",
        ], 0.15),
        Section("KIDNEYS AND URETERS", ["The kidneys enhance symmetrically. No hydronephrosis or stones.",
                                        "No renal calculi or hydroureteronephrosis."], [
            "A {mm2} mm obstructing calculus at the {side} ureterovesical junction with moderate hydronephrosis.",
            "Simple {side} renal cyst measuring {cm} cm.",
            "Bilateral non-obstructing renal calculi, the largest {mm2} mm.",
            "Perinephric stranding on the {side}, which may reflect pyelonephritis in the appropriate setting.",
            "Atrophic kidneys with cortical scarring.",
        ], 0.35),
        Section("GASTROINTESTINAL TRACT", ["The stomach and small bowel are unremarkable. The appendix is normal.",
                                           "No bowel obstruction or wall thickening. Normal appendix."], [
            "Dilated small bowel loops up to {cm} cm with a transition point in the right lower quadrant, "
            "compatible with small bowel obstruction.",
            "Sigmoid diverticulosis with pericolic fat stranding, consistent with acute uncomplicated diverticulitis.",
            "Dilated, fluid-filled appendix measuring {mm} mm with periappendiceal stranding.",
            "Wall thickening of the descending colon, possibly infectious or inflammatory colitis.",
            "Large stool burden throughout the colon.",
            "Sigmoid diverticulosis without evidence of diverticulitis.",
        ], 0.4),
        Section("PELVIS", ["The bladder is unremarkable. No free pelvic fluid.",
                           "Pelvic organs are unremarkable."], [
            "Enlarged prostate gland indenting the bladder base.",
            "Bladder wall thickening, possibly related to chronic outlet obstruction.",
            "Small volume free fluid in the pelvis.",
            "Fibroid uterus.",
            "A {cm} cm simple-appearing {side} ovarian cyst.",
        ], 0.3),
        Section("LYMPH NODES", ["No pathologically enlarged lymph nodes."], [
            "Mildly enlarged mesenteric lymph nodes, likely reactive.",
            "Retroperitoneal lymphadenopathy, the largest node {mm} mm in short axis.",
        ], 0.15),
        Section("VESSELS", ["The abdominal aorta is normal in caliber. Patent portal and hepatic veins."], [
            "Moderate atherosclerotic calcification of the abdominal aorta and iliac arteries.",
            "Infrarenal abdominal aortic aneurysm measuring {cm} cm.",
        ], 0.35),
        Section("BONES AND SOFT TISSUES", ["No aggressive osseous lesion.", "No acute fracture.",
                                           "Small fat-containing umbilical hernia. Bones are unremarkable."], [
            "Degenerative changes of the lumbar spine and both hips.",
            "Sclerotic focus in the {side} iliac bone, likely a bone island.",
            "Old healed fractures of the {side} superior and inferior pubic rami.",
            "{Side} total hip arthroplasty with streak artifact limiting evaluation of the pelvis.",
            "Subcutaneous injection granulomas in the anterior abdominal wall.",
        ], 0.3),
    ],
    normal_impressions=["No acute intra-abdominal or pelvic process.", "No CT evidence of appendicitis.",
                        "No acute abnormality to explain the patient's pain.", "No abscess or bowel obstruction."],
    weight=0.14,
)

CT_HEAD = Exam(
    titles=["CT HEAD WITHOUT CONTRAST", "CT BRAIN NON-CONTRAST", "MRI BRAIN WITH AND WITHOUT CONTRAST",
            "CT HEAD AND CERVICAL SPINE WITHOUT CONTRAST"],
    techniques=["Contiguous axial images of the head were obtained without contrast. Bone and soft tissue "
                "algorithms were reviewed. DLP {dlp} mGy-cm.",
                "Multiplanar multisequence MRI of the brain before and after {gad} mL of gadolinium, including "
                "diffusion-weighted and susceptibility-weighted imaging."],
    reasons=["fall on anticoagulation", "acute confusion", "headache with vomiting", "new {side} sided weakness",
             "syncope with head strike", "altered mental status", "code stroke, last known well {n} hours ago",
             "seizure", "dizziness and gait instability", "follow-up of intracranial hemorrhage"],
    sections=[
        Section("BRAIN", ["No intracranial hemorrhage, mass effect or midline shift. Gray-white differentiation is "
                          "preserved.", "No acute territorial infarct. No hemorrhage."], [
            "Hypodensity in the {side} middle cerebral artery territory with loss of gray-white differentiation, "
            "compatible with an evolving acute infarct.",
            "Patchy periventricular and subcortical white matter hypodensities, likely chronic small vessel "
            "ischemic change.",
            "Old lacunar infarct in the {side} basal ganglia.",
            "Intraparenchymal hemorrhage in the {side} frontal lobe measuring {cm} cm with surrounding edema.",
            "Restricted diffusion in the {side} parietal cortex, consistent with acute ischemia.",
            "Encephalomalacia in the {side} temporal lobe from prior injury.",
        ], 0.4),
        Section("VENTRICLES AND EXTRA-AXIAL SPACES", ["Ventricles and sulci are normal for age. No extra-axial "
                                                      "collection.", "No hydrocephalus."], [
            "Mild generalized volume loss with proportional ventricular enlargement.",
            "Thin {side} subdural hematoma measuring {mm2} mm without midline shift.",
            "Small amount of subarachnoid blood in the {side} sylvian fissure.",
        ], 0.3),
        Section("SKULL AND SOFT TISSUES", ["The calvarium is intact.", "No skull fracture."], [
            "{Side} frontal scalp hematoma without underlying fracture.",
            "Nondisplaced fracture of the {side} nasal bone.",
        ], 0.2),
        Section("SINUSES AND ORBITS", ["Paranasal sinuses and mastoid air cells are clear."], [
            "Mucosal thickening in the maxillary sinuses.",
            "Air-fluid level in the {side} maxillary sinus.",
            "Bilateral lens replacements.",
        ], 0.3),
    ],
    normal_impressions=["No acute intracranial abnormality.", "No intracranial hemorrhage or acute infarct.",
                        "No acute intracranial process; chronic microvascular changes."],
    weight=0.10,
)

US_ABDOMEN = Exam(
    titles=["US ABDOMEN COMPLETE", "ULTRASOUND RIGHT UPPER QUADRANT", "RENAL ULTRASOUND",
            "LIVER DOPPLER ULTRASOUND"],
    techniques=["Grayscale and color Doppler images of the abdomen were obtained.",
                "Transabdominal grayscale sonography of the right upper quadrant.",
                "Sonographic evaluation of both kidneys and the bladder."],
    reasons=["abnormal liver function tests", "right upper quadrant pain after meals", "acute kidney injury",
             "evaluate for hydronephrosis", "ascites, assess for paracentesis target", "cirrhosis surveillance",
             "fever and elevated bilirubin", "urinary retention"],
    sections=[
        Section("LIVER", ["The liver measures {n}{n2} cm and has normal echotexture without focal lesion."], [
            "Increased hepatic echogenicity, consistent with steatosis.",
            "Coarsened echotexture with a nodular surface, suggesting cirrhosis.",
            "Hepatofugal flow in the main portal vein.",
        ], 0.35),
        Section("GALLBLADDER", ["The gallbladder is normally distended without stones or wall thickening. "
                                "Sonographic Murphy sign is negative."], [
            "Multiple mobile gallstones, the largest {mm} mm. Wall thickness {mm2} mm. Sonographic Murphy sign is "
            "positive.",
            "Layering sludge within the gallbladder without wall thickening.",
            "The gallbladder is surgically absent.",
        ], 0.35),
        Section("BILE DUCTS", ["The common bile duct measures {mm2} mm."], [
            "The common bile duct is dilated to {mm} mm without a visible obstructing stone.",
        ], 0.2),
        Section("KIDNEYS", ["The right kidney measures {n}{n2} cm and the left {n}{n2} cm. No hydronephrosis, stones "
                            "or masses."], [
            "Mild {side} hydronephrosis.",
            "Echogenic kidneys with cortical thinning, compatible with medical renal disease.",
            "A {cm} cm simple cyst at the {side} renal upper pole.",
        ], 0.35),
        Section("OTHER", ["The spleen is normal. No ascites.", "The visualized aorta and IVC are unremarkable."], [
            "Moderate ascites.", "Splenomegaly.", "Distended bladder with a pre-void volume of {n}00 mL.",
        ], 0.3),
    ],
    normal_impressions=["Normal abdominal ultrasound.", "No sonographic evidence of acute cholecystitis.",
                        "No hydronephrosis."],
    weight=0.07,
)

VENOUS_DUPLEX = Exam(
    titles=["DUPLEX ULTRASOUND {SIDE} LOWER EXTREMITY VEINS", "US VENOUS DOPPLER BILATERAL LOWER EXTREMITIES",
            "UNILATERAL LOWER EXTREMITY VENOUS DUPLEX"],
    techniques=["Grayscale, color and spectral Doppler images of the common femoral, femoral, popliteal, posterior "
                "tibial and peroneal veins were obtained with compression."],
    reasons=["leg swelling", "calf pain after surgery", "immobilised after stroke, swollen leg",
             "elevated D-dimer", "{side} thigh swelling and warmth", "pulmonary embolism, look for a source"],
    sections=[
        Section("FINDINGS", ["Normal compressibility, flow and augmentation in all imaged veins.",
                             "The imaged deep veins are fully compressible with normal phasic flow."], [
            "The {side} popliteal vein is noncompressible and distended with echogenic occlusive thrombus.",
            "Nonocclusive thrombus in the {side} femoral vein extending to the popliteal vein.",
            "Thrombus in one of the paired {side} peroneal veins.",
            "A {cm} cm Baker cyst in the {side} popliteal fossa.",
            "Subcutaneous edema of the {side} calf without fluid collection.",
        ], 0.35),
    ],
    normal_impressions=["No deep venous thrombosis.", "No evidence of deep vein thrombosis in the imaged veins."],
    weight=0.06,
    comparison_rate=0.3,
)

SPINE_LEVELS = {
    "lumbar": ["L1-L2", "L2-L3", "L3-L4", "L4-L5", "L5-S1"],
    "cervical": ["C2-C3", "C3-C4", "C4-C5", "C5-C6", "C6-C7", "C7-T1"],
}
SPINE_LEVEL_FINDINGS = [
    "No disc herniation, canal or foraminal stenosis.",
    "Mild disc bulge without canal stenosis. Foramina are patent.",
    "Disc bulge and facet arthropathy with mild canal narrowing and moderate {side} foraminal stenosis.",
    "Broad-based disc protrusion indenting the thecal sac; moderate canal stenosis.",
    "{Side} paracentral extrusion contacting the traversing nerve root.",
    "Ligamentum flavum thickening and facet hypertrophy with severe canal stenosis.",
    "Disc desiccation and height loss with endplate osteophytes; mild bilateral foraminal narrowing.",
    "Uncovertebral hypertrophy with moderate {side} foraminal narrowing.",
]
SPINE = Exam(
    titles=["MRI {REGION} SPINE WITHOUT CONTRAST", "CT {REGION} SPINE WITHOUT CONTRAST", "XR {REGION} SPINE 2-3 VIEWS"],
    techniques=["Sagittal T1, T2 and STIR with axial T2-weighted images.", "Axial CT of the spine with sagittal and "
                "coronal reformations in bone and soft tissue windows.", "AP, lateral and flexion-extension views."],
    reasons=["low back pain radiating to the {side} leg", "neck pain after a fall", "numbness in both hands",
             "trauma, midline tenderness", "back pain with history of cancer", "progressive leg weakness",
             "chronic radiculopathy, pre-operative planning"],
    sections=[
        Section("ALIGNMENT", ["Alignment is maintained.", "Normal lordosis without listhesis."], [
            "Grade 1 anterolisthesis of L4 on L5.", "Mild levoscoliosis.", "Straightening of the normal lordosis.",
        ], 0.35),
        Section("VERTEBRAE", ["Vertebral body heights are maintained. Marrow signal is normal.",
                              "No fracture or destructive lesion."], [
            "Acute compression fracture of L{vert_l} with edema and {pct} percent height loss, no retropulsion.",
            "Modic type 2 endplate changes at the lower lumbar levels.",
            "Hemangioma in the L{vert_l} vertebral body.",
            "Ossification of the posterior longitudinal ligament from C3 to C5 narrows the canal.",
        ], 0.3),
        Section("CORD AND CONUS", ["The cord is normal in caliber and signal. The conus ends at L1."], [
            "T2 hyperintensity within the cord at C{vert_c}, possibly myelomalacia or edema.",
        ], 0.1, optional=True),
    ],
    normal_impressions=["No acute fracture or malalignment.", "Mild degenerative changes without high-grade "
                                                                 "stenosis."],
    weight=0.08,
)

# MSK radiographs, CT and MRI: the common paragraphs, then per-joint banks.
MSK_TECHNIQUES = ["{views} views of the {side} {joint}.", "Radiographs of the {side} {joint}, {views} views.",
                  "Weight-bearing views of the {side} {joint}.", "Frontal and lateral radiographs of the {side} "
                  "{joint}; an additional oblique view was obtained."]
MSK_TECHNIQUES_CT = ["Axial CT of the {side} {joint} with multiplanar reformats in bone and soft tissue windows.",
                     "Non-contrast helical CT of the {side} {joint}; metal artifact reduction applied. DLP {dlp} "
                     "mGy-cm."]
MSK_TECHNIQUES_MRI = ["Multiplanar MRI of the {side} {joint} including fluid-sensitive sequences.",
                      "Axial, coronal and sagittal proton density and T2 fat-suppressed images of the {side} {joint} "
                      "at 3 T.", "MRI of the {side} {joint} with T1, STIR and post-contrast sequences."]
MSK_REASONS = ["pain after a fall", "chronic pain and stiffness", "post-operative check", "swelling and reduced "
               "range of motion", "follow-up of fracture healing", "trauma", "pain with weight bearing for {weeks} "
               "weeks", "pre-operative planning", "locking and giving way", "restricted motion {weeks} weeks after "
               "surgery", "rule out fracture", "new lump near the joint"]
MSK_ALIGNMENT = Section("JOINT ALIGNMENT", ["Alignment is anatomic.", "No dislocation or subluxation.",
                                      "Normal alignment of the {joint}."], [
    "Mild subluxation, likely positional.",
    "Varus alignment with lateral thrust on the standing view.",
    "Valgus alignment measuring about {n} degrees more than the other side.",
    "Mild residual angulation at the healed fracture site.",
], 0.2)
MSK_COMMON = Section("BONES AND SOFT TISSUES", ["Bone mineralization is normal.", "Soft tissues are unremarkable.",
                                                "No radiopaque foreign body.", "Bones are diffusely osteopenic."], [
    "Soft tissue swelling overlying the joint.",
    "Vascular calcifications in the soft tissues.",
    "Subcutaneous gas along the surgical incision, expected post-operatively.",
    "Skin staples are in place.",
    "Small well-corticated ossicle, likely an old avulsion fragment or accessory ossicle.",
], 0.3)
MSK_JOINTS: dict[str, tuple[list[str], list[str]]] = {
    "hip": ([
        "No acute fracture or dislocation of the {side} hip.", "The hip joint space is preserved.",
        "The sacroiliac joints and pubic symphysis are intact.", "Femoral head is congruent with the acetabulum.",
    ], [
        "Moderate superolateral joint space narrowing of the {side} hip with subchondral sclerosis and marginal "
        "osteophytes.",
        "{Side} total hip arthroplasty in expected alignment without periprosthetic lucency or hardware fracture.",
        "Displaced subcapital fracture of the {side} femoral neck.",
        "Intertrochanteric fracture fixed with a cephalomedullary nail and lag screw; alignment is maintained.",
        "Cam-type morphology of the femoral head-neck junction.",
        "Enthesophytes at the {side} greater trochanter.",
        "Bipolar hemiarthroplasty of the {side} hip, unchanged in position.",
        "Linear lucency along the femoral stem in zone {n}, not present previously; loosening is possible.",
    ]),
    "knee": ([
        "No fracture. No joint effusion.", "Joint spaces are maintained.", "The patella is normally positioned.",
    ], [
        "Medial compartment joint space narrowing with osteophytes and subchondral sclerosis.",
        "Small suprapatellar joint effusion.",
        "{Side} total knee arthroplasty components are well seated without lucency.",
        "Chondrocalcinosis of the menisci.",
        "Nondisplaced fracture of the lateral tibial plateau with lipohemarthrosis.",
        "Tricompartmental degenerative change, most severe in the patellofemoral compartment.",
        "Complex tear of the posterior horn of the medial meniscus.",
        "Full-thickness tear of the anterior cruciate ligament with bone contusions.",
    ]),
    "shoulder": ([
        "The glenohumeral joint is congruent.", "No acute fracture or dislocation.",
        "The acromioclavicular joint is intact.",
    ], [
        "Acromioclavicular joint arthrosis with inferiorly directed osteophytes.",
        "Calcific density adjacent to the greater tuberosity, compatible with calcific tendinopathy.",
        "Reverse total shoulder arthroplasty in anatomic alignment.",
        "Anterior glenohumeral dislocation.",
        "Impacted fracture of the surgical neck of the humerus.",
        "Full-thickness supraspinatus tear with {mm} mm retraction.",
        "High-riding humeral head, consistent with chronic rotator cuff insufficiency.",
    ]),
    "elbow": ([
        "No joint effusion. No fracture.", "Alignment at the elbow is normal.",
        "The radiocapitellar line is maintained.",
    ], [
        "Positive anterior and posterior fat pad signs without a visible fracture; an occult radial head fracture "
        "is possible.",
        "Comminuted fracture of the olecranon with {mm} mm of displacement.",
        "Osteophytes at the coronoid process and olecranon tip.",
        "Plate and screw fixation of a distal humerus fracture; the fracture line remains visible.",
        "Nondisplaced fracture of the radial head.",
    ]),
    "ankle": ([
        "The ankle mortise is congruent.", "No acute fracture.", "Talar dome is intact.",
    ], [
        "Bimalleolar fracture with lateral talar shift.",
        "Soft tissue swelling over the lateral malleolus without an underlying fracture.",
        "Plate and screw fixation of the distal fibula; fracture is healing.",
        "Plantar and posterior calcaneal enthesophytes.",
        "Small avulsion fragment off the tip of the lateral malleolus.",
    ]),
    "wrist": ([
        "No fracture or dislocation of the wrist.", "Carpal alignment is normal.",
    ], [
        "Dorsally angulated distal radius fracture with intra-articular extension.",
        "Ulnar styloid fracture.",
        "Volar plate fixation of the distal radius in satisfactory position.",
        "Scapholunate widening.",
        "Degenerative change at the first carpometacarpal joint.",
    ]),
    "foot": ([
        "No acute fracture.", "Joint spaces are preserved.",
    ], [
        "Hallux valgus with first metatarsophalangeal joint degeneration.",
        "Transverse fracture of the fifth metatarsal base.",
        "Erosive change at the first metatarsal head, which could reflect gout.",
        "Plantar calcaneal spur.",
        "Osteolysis of the distal phalanx of the second toe, concerning for osteomyelitis.",
    ]),
    "femur": ([
        "No acute fracture of the femur.", "Femoral cortex is intact.",
    ], [
        "Intramedullary nail of the {side} femur with callus bridging the mid-diaphyseal fracture.",
        "Periosteal reaction along the mid femoral shaft.",
        "Focal cortical thickening along the lateral femoral diaphysis.",
    ]),
}
MSK_WEIGHTS = {"hip": 0.24, "knee": 0.22, "shoulder": 0.14, "elbow": 0.08, "ankle": 0.12, "wrist": 0.08,
               "foot": 0.08, "femur": 0.04}
MSK_TITLES = ["XR {SIDE} {JOINT} {VIEWS} VIEWS", "{SIDE} {JOINT} RADIOGRAPHS", "CT {SIDE} {JOINT} WITHOUT CONTRAST",
              "MRI {SIDE} {JOINT} WITHOUT CONTRAST", "XR PELVIS AND {SIDE} {JOINT}"]
MSK_NORMAL_IMPRESSIONS = ["No acute fracture or dislocation.", "No acute osseous abnormality.",
                          "Expected post-operative appearance.", "Mild degenerative change without acute finding."]

BONE_SCAN = Exam(
    titles=["NM BONE SCAN, THREE PHASE", "NM WHOLE BODY BONE SCAN", "THREE-PHASE BONE SCINTIGRAPHY"],
    techniques=["Flow, blood pool and delayed images after intravenous injection of {n}{n2}.{n} mCi Tc-99m MDP.",
                "Whole-body planar and SPECT/CT images were obtained three hours after radiotracer injection."],
    reasons=["bone pain, history of prostate cancer", "rule out osteomyelitis", "painful joint after surgery",
             "suspected stress fracture", "breast cancer staging"],
    sections=[
        Section("FINDINGS", ["Physiologic radiotracer distribution throughout the skeleton.",
                             "No abnormal focal uptake on flow, blood pool or delayed images."], [
            "Increased delayed uptake at both knees and the lower lumbar spine, in a degenerative pattern.",
            "Focal intense uptake in the {side} {rib} rib, likely traumatic given the linear alignment.",
            "Increased uptake in all three phases at the {side} first metatarsal head, concerning for osteomyelitis.",
            "Multiple foci of uptake in the spine and pelvis, suspicious for osseous metastases.",
        ], 0.45),
    ],
    normal_impressions=["No scintigraphic evidence of osteomyelitis.", "No evidence of osseous metastatic disease."],
    weight=0.03,
)

NON_MSK_EXAMS = [CHEST_XR, CT_CHEST, CT_ABDOMEN, CT_HEAD, US_ABDOMEN, VENOUS_DUPLEX, SPINE, BONE_SCAN]
MSK_WEIGHT = 0.18  # share of radiology reports that are joint studies

RECOMMENDATIONS = [
    "Recommend follow-up CT in {n} months.", "Clinical correlation is recommended.",
    "Consider MRI if symptoms persist.", "Follow-up radiographs in {weeks} weeks to document healing.",
    "Recommend nonemergent outpatient evaluation.", "Correlate with laboratory values.",
    "Per Fleischner guidelines, no routine follow-up is needed for this nodule in a low-risk patient.",
]

# --------------------------------------------------------------------------------------------------------------------
# Heterotopic ossification: statements for the notes that mention it (ids ending in -ho)
# --------------------------------------------------------------------------------------------------------------------

HO_JOINTS = ["hip", "hip", "hip", "elbow", "elbow", "knee", "shoulder"]
HO_GRADES = ["I", "II", "III", "IV", "1", "2", "3", "4"]
# (findings sentence, impression line): positive, negative, uncertain and historical statements.
HO_RADIOLOGY = [
    ("Heterotopic ossification lateral to the {side} {joint}, with bone islands in the soft tissues (Brooker class "
     "{grade}).", "Brooker class {grade} heterotopic ossification about the {side} {joint}."),
    ("Mature, corticated heterotopic bone bridges the {side} {joint} anteriorly.",
     "Bridging heterotopic ossification of the {side} {joint}."),
    ("No heterotopic ossification.", "No heterotopic ossification."),
    ("No heterotopic ossification is seen about the arthroplasty.", "No heterotopic ossification."),
    ("Faint amorphous mineralization in the soft tissues about the {side} {joint} may represent early heterotopic "
     "ossification.", "Possible early heterotopic ossification; follow-up radiographs in {weeks} weeks suggested."),
    ("Zonal peripheral mineralization of a mass in the {side} {muscle}, consistent with myositis ossificans.",
     "Myositis ossificans of the {side} {muscle}."),
    ("Postsurgical change from excision of heterotopic ossification at the {side} {joint} without recurrence.",
     "No recurrent heterotopic ossification after excision."),
    ("Heterotopic ossification about the {side} {joint} is unchanged in size and appears more mature.",
     "Stable, maturing heterotopic ossification."),
    ("Interval increase in periarticular heterotopic ossification at the {side} {joint}.",
     "Progressing heterotopic ossification of the {side} {joint}."),
    ("Small focus of ectopic ossification adjacent to the greater trochanter, Brooker {grade}.",
     "Minor heterotopic ossification, Brooker {grade}."),
    ("Increased flow, blood pool and delayed activity in the soft tissues of the {side} {joint}, consistent with "
     "active heterotopic ossification.", "Scintigraphic findings of immature heterotopic ossification."),
    ("Heterotopic ossification is not excluded; the soft tissues are incompletely assessed on this view.",
     "Heterotopic ossification cannot be excluded."),
]
HO_MUSCLES = ["quadriceps", "vastus lateralis", "brachialis", "adductor magnus", "gluteus medius", "vastus intermedius"]
HO_CLINIC = [
    "Radiographs today show Brooker class {grade} heterotopic ossification about the {side} {joint}.",
    "{He} has a history of heterotopic ossification after {his} previous {joint} surgery.",
    "Range of motion has plateaued; we discussed that heterotopic ossification may be limiting motion.",
    "There is no heterotopic ossification on today's films.",
    "Concern for early heterotopic ossification given the warmth and loss of motion; a three-phase bone scan was "
    "ordered, and DVT was excluded on duplex.",
    "HO prophylaxis: indomethacin 75 mg daily for 6 weeks was prescribed; {he} tolerated it with omeprazole cover.",
    "HO prophylaxis with single-fraction radiotherapy (7 Gy) was given on the day of surgery.",
    "The heterotopic bone appears mature on serial films and alkaline phosphatase has normalized; excision can be "
    "planned.",
    "{He} underwent excision of heterotopic ossification of the {side} {joint} {n} months ago and has kept the motion "
    "gained.",
    "Neurogenic heterotopic ossification of both hips is known and stable.",
    "Heterotopic ossification at the {side} {joint}, Brooker {grade}, is not functionally limiting at present.",
    "The firm mass in the thigh has features of myositis ossificans; we will repeat imaging rather than biopsy.",
]
HO_OPERATIVE_STEPS = [
    "Heterotopic bone anterior to the joint capsule was excised in one piece and sent to pathology.",
    "Extensive heterotopic ossification was encountered and removed with an osteotome, restoring flexion to "
    "{deg} degrees on the table.",
    "No heterotopic ossification was encountered.",
    "A small island of heterotopic bone in the abductors was removed.",
]
HO_OPERATIVE_PLAN = [
    "Given a history of heterotopic ossification in the contralateral hip, prophylactic radiation of 7 Gy is "
    "arranged for the first post-operative day.",
    "Indomethacin 25 mg three times daily for 6 weeks as heterotopic ossification prophylaxis, with a proton pump "
    "inhibitor.",
    "Single-fraction radiotherapy within 72 hours for HO prophylaxis.",
]
HO_DISCHARGE = [
    "Heterotopic ossification of the {side} {joint}, Brooker {grade}, after prior surgery.",
    "History of heterotopic ossification excision, {side} {joint}, {year}.",
    "Possible early heterotopic ossification of the {side} {joint}, under evaluation.",
]
HO_COURSE = [
    "Reduced {side} {joint} motion was noted by physiotherapy; radiographs showed Brooker class {grade} heterotopic "
    "ossification. Orthopaedics advised continued range-of-motion therapy and outpatient review.",
    "Given {his} prior heterotopic ossification, indomethacin prophylaxis was started post-operatively and will "
    "continue for six weeks.",
    "A painful, warm {side} thigh raised concern for heterotopic ossification versus DVT; duplex was negative and "
    "radiographs showed early heterotopic ossification.",
    "No heterotopic ossification was seen on the post-operative films.",
]
HO_PROGRESS = [
    "Continue indomethacin for HO prophylaxis (day {n} of 42).",
    "{Side} {joint} ROM limited, ? heterotopic ossification; XR ordered.",
    "XR {joint}: no heterotopic ossification.",
    "Known HO {side} {joint}, stable; continue gentle ROM.",
]
HO_SHORT = [
    "heterotopic ossification {side} {joint} (Brooker {grade})",
    "h/o HO excision {side} {joint} {year}",
    "?early HO {side} {joint} - repeat XR {weeks} wk",
]

# --------------------------------------------------------------------------------------------------------------------
# Medicine: scenarios for discharge summaries, chronic problems, medications, labs, examination
# --------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """A reason for admission: what the HPI, hospital course and diagnoses say about it."""

    diagnosis: str
    complaints: list[str]
    story: list[str]  # HPI sentences, used in order (a random subset)
    ed_course: list[str]
    course: list[str]  # hospital-course sentences for this problem, in order (a random subset)
    procedures: list[str]
    exams: list[str]  # keys of RADIOLOGY_BY_NAME for the pertinent results
    service: str = "MEDICINE"


SCENARIOS = [
    Scenario(
        "Community-acquired pneumonia",
        ["Cough and fever", "Shortness of breath", "Productive cough"],
        ["{He} reports {days} days of productive cough with yellow-green sputum and subjective fevers.",
         "Over the last two days {he} became short of breath walking to the bathroom.",
         "{He} also notes right-sided pleuritic chest pain and poor appetite.",
         "{He} denies hemoptysis, leg swelling or recent travel.",
         "A family member with a similar illness was seen by {his} GP last week.",
         "{He} was started on an oral antibiotic by urgent care two days ago without improvement."],
        ["In the ED, T {temp}, HR {hr}, BP {bp}, RR {rr}, SpO2 {spo2}% on room air.",
         "Labs were notable for WBC {wbc} and lactate {lactate}.",
         "Chest radiograph showed a {side} lower lobe consolidation.",
         "{He} received ceftriaxone and azithromycin and 1 L of lactated Ringer's."],
        ["{He} was treated with ceftriaxone and azithromycin, narrowed to oral amoxicillin on day {n} for a total of "
         "5 days.", "Oxygen was weaned to room air by hospital day {n}.",
         "Blood cultures remained negative and sputum culture grew normal flora.",
         "Fever curve trended down and leukocytosis resolved.",
         "Ambulatory saturation was 94% on room air before discharge."],
        ["None"], ["chest_xr", "chest_xr", "ct_chest"]),
    Scenario(
        "Acute on chronic heart failure with reduced ejection fraction",
        ["Dyspnea and leg swelling", "Weight gain", "Orthopnea"],
        ["{He} presents with two weeks of worsening dyspnea on exertion, orthopnea requiring three pillows, and "
         "bilateral leg swelling.", "{His} weight is up {n} kg from {his} usual dry weight.",
         "{He} admits to dietary indiscretion over the holidays and missed several doses of furosemide.",
         "{He} denies chest pain, palpitations or syncope.",
         "Last echocardiogram showed an LVEF of {ef}% with moderate mitral regurgitation."],
        ["In the ED, BP {bp}, HR {hr}, SpO2 {spo2}% on 2 L nasal cannula.",
         "BNP was {bnp} and troponin was flat at {trop}.",
         "Chest radiograph showed vascular congestion and small bilateral effusions.",
         "{He} was given furosemide 40 mg IV with brisk urine output."],
        ["{He} was diuresed with IV furosemide boluses with a net negative fluid balance of {n}.{n} L.",
         "Creatinine peaked at {creat} and returned to baseline.",
         "Metoprolol succinate was continued; lisinopril was held for soft pressures and restarted at a lower dose.",
         "{He} was transitioned to oral torsemide on day {n} with stable weights.",
         "Dry weight at discharge is {n}{n2}.{n} kg.",
         "Heart failure nurse education was completed, including daily weights and a 2 g sodium diet."],
        ["Transthoracic echocardiogram"], ["chest_xr"], "CARDIOLOGY"),
    Scenario(
        "Sepsis secondary to pyelonephritis",
        ["Fever and flank pain", "Confusion", "Dysuria and rigors"],
        ["{He} was found by family to be confused and febrile this morning.",
         "For three days {he} had dysuria and urinary frequency, and yesterday developed {side} flank pain and rigors.",
         "{He} has had two urinary tract infections this year.",
         "There was no vomiting, diarrhea, cough or rash."],
        ["In the ED, T {temp}, HR {hr}, BP {bp} which improved with 30 mL/kg of crystalloid.",
         "Urinalysis showed large leukocyte esterase, positive nitrite and >182 WBC.",
         "Lactate was {lactate}. Creatinine was {creat} from a baseline of 0.9.",
         "{He} received piperacillin-tazobactam after blood and urine cultures were drawn."],
        ["Urine and blood cultures grew E. coli sensitive to ceftriaxone; antibiotics were narrowed accordingly.",
         "CT showed no abscess or obstructing stone.",
         "Mental status returned to baseline by day 2.",
         "Acute kidney injury resolved with fluids; creatinine at discharge {creat}.",
         "{He} will complete a 10-day course of oral cefpodoxime."],
        ["None"], ["ct_abdomen", "us_abdomen"]),
    Scenario(
        "Upper gastrointestinal bleed from duodenal ulcer",
        ["Black stools", "Coffee-ground emesis", "Lightheadedness"],
        ["{He} reports two days of black, tarry stools and one episode of coffee-ground emesis this morning.",
         "{He} felt lightheaded on standing and nearly fainted in the shower.",
         "{He} has been taking ibuprofen several times a day for knee pain for the last month.",
         "{He} takes aspirin 81 mg daily and no other anticoagulants.",
         "{He} denies abdominal pain, weight loss or prior bleeding."],
        ["In the ED, HR {hr}, BP {bp}. Hemoglobin was {hgb} from a baseline of 13.",
         "{He} received two units of packed red blood cells and was started on an IV pantoprazole infusion.",
         "BUN was {bun}, INR {inr}."],
        ["EGD on hospital day 1 showed a {n} cm clean-based duodenal ulcer; no intervention was required.",
         "Biopsies for H. pylori were taken and are pending at discharge.",
         "Hemoglobin remained stable after transfusion of {n} units in total.",
         "Diet was advanced without recurrent bleeding.",
         "{He} was counseled to avoid NSAIDs; aspirin was held until GI follow-up.",
         "Pantoprazole was changed to oral twice daily for 8 weeks."],
        ["Esophagogastroduodenoscopy"], ["ct_abdomen"]),
    Scenario(
        "Left femoral neck fracture",
        ["Fall with hip pain", "Unable to bear weight", "Right hip pain after fall"],
        ["{He} tripped over a rug at home and fell onto {his} {side} side.",
         "{He} was unable to get up and lay on the floor for about {n} hours before a neighbour found {him}.",
         "{He} denies head strike, loss of consciousness, chest pain or palpitations before the fall.",
         "At baseline {he} walks with {aid} and is independent with personal care.",
         "This is {his} second fall in the last six months."],
        ["In the ED the {side} leg was shortened and externally rotated.",
         "Radiographs showed a displaced femoral neck fracture. CK was {ck}.",
         "{He} received a fascia iliaca block with good analgesia."],
        ["Orthopaedics performed a {side} hemiarthroplasty on hospital day 1 without complication.",
         "Post-operatively {he} was weight bearing as tolerated with physiotherapy.",
         "Enoxaparin was started for VTE prophylaxis and will continue for 28 days.",
         "Post-operative anemia to a nadir hemoglobin of {hgb} required one unit of blood.",
         "Geriatrics reviewed for falls and bone health; vitamin D was replete and zoledronic acid is planned as an "
         "outpatient.",
         "Staples are to be removed at 14 days."],
        ["{Side} hip hemiarthroplasty"], ["msk_hip"], "ORTHOPAEDICS"),
    Scenario(
        "Acute ischemic stroke, left middle cerebral artery territory",
        ["Right sided weakness", "Word-finding difficulty", "Facial droop"],
        ["{He} was last known well at 07:30 when {his} spouse noticed {his} speech was garbled and {his} right arm "
         "was weak.", "{He} could not hold a cup in the right hand.",
         "There was no headache, seizure activity or trauma.",
         "{He} has untreated atrial fibrillation, diagnosed last year, and had declined anticoagulation."],
        ["NIHSS on arrival was {nihss}.", "CT head showed no hemorrhage; CTA showed an M2 occlusion.",
         "{He} received intravenous thrombolysis at {time} and underwent thrombectomy with TICI 2b reperfusion."],
        ["{He} was monitored in the neuro ICU for 24 hours with blood pressure below 180/105.",
         "MRI confirmed a left frontal and insular infarct.",
         "Apixaban was started on day {n} after repeat imaging showed no hemorrhagic transformation.",
         "Speech and language therapy found mild expressive aphasia; swallow evaluation cleared {him} for a soft diet.",
         "Right arm strength improved to 4/5 by discharge.",
         "LDL was {ldl}; atorvastatin 80 mg was started."],
        ["Mechanical thrombectomy"], ["ct_head", "ct_head"], "NEUROLOGY"),
    Scenario(
        "COPD exacerbation",
        ["Wheezing and dyspnea", "Shortness of breath", "Worsening cough"],
        ["{He} has severe COPD on home oxygen 2 L at night and presents with {days} days of increased sputum, "
         "wheezing and dyspnea at rest.", "{He} used {his} rescue inhaler every two hours without relief.",
         "{He} had a viral illness in the household last week.",
         "{He} denies fever, chest pain or calf swelling."],
        ["In the ED, RR {rr}, SpO2 {spo2}% on 4 L. Venous blood gas pH 7.3{n} pCO2 {n}{n2}.",
         "{He} received nebulized albuterol and ipratropium, methylprednisolone 125 mg and azithromycin."],
        ["{He} was treated with prednisone 40 mg daily for 5 days, azithromycin, and scheduled nebulizers.",
         "BiPAP was not required.", "Oxygen was weaned to {his} baseline.",
         "Inhaler technique was reviewed and {he} was referred to pulmonary rehabilitation.",
         "Smoking cessation was discussed at length."],
        ["None"], ["chest_xr"]),
    Scenario(
        "Diabetic ketoacidosis",
        ["Nausea and vomiting", "Polyuria", "Abdominal pain"],
        ["{He} has type 1 diabetes and ran out of insulin glargine four days ago.",
         "Since then {he} has had polyuria, polydipsia, nausea and diffuse abdominal pain.",
         "{He} denies fever, cough or dysuria.",
         "{His} last HbA1c was {a1c}%."],
        ["In the ED, glucose was {glucose}, anion gap {gap}, bicarbonate {bicarb}, beta-hydroxybutyrate elevated.",
         "{He} was started on an insulin infusion and IV fluids per protocol."],
        ["The anion gap closed within 14 hours and {he} was transitioned to subcutaneous insulin.",
         "Potassium and phosphate were repleted.", "The diabetes educator reviewed sick-day rules.",
         "Insurance coverage for insulin was addressed by social work."],
        ["None"], ["chest_xr"]),
    Scenario(
        "Cellulitis of the lower extremity",
        ["Leg redness and swelling", "Painful red leg", "Fever and leg pain"],
        ["{He} noticed redness of the {side} shin four days ago that has spread despite oral cephalexin.",
         "The leg is swollen, warm and painful to walk on.",
         "{He} has tinea between the toes and chronic venous stasis.",
         "{He} reports low-grade fevers but no rigors."],
        ["In the ED, T {temp}, WBC {wbc}.", "The border of erythema was marked.",
         "Venous duplex showed no DVT.", "{He} received IV cefazolin."],
        ["Erythema receded within the marked border on IV cefazolin and {he} was switched to oral cephalexin.",
         "Leg elevation and compression were encouraged.", "Terbinafine cream was started for tinea pedis.",
         "{He} will complete 7 days of antibiotics in total."],
        ["None"], ["venous_duplex"]),
    Scenario(
        "Small bowel obstruction",
        ["Abdominal pain and vomiting", "Abdominal distension", "Not passing gas"],
        ["{He} has a history of open appendectomy and presents with crampy abdominal pain and bilious vomiting since "
         "last night.", "{He} has not passed flatus for 24 hours.", "{He} denies fever or blood in the stool."],
        ["CT showed dilated small bowel with a transition point in the right lower quadrant.",
         "A nasogastric tube was placed with 800 mL of bilious output."],
        ["{He} was managed conservatively with bowel rest, NG decompression and IV fluids.",
         "Gastrografin challenge on day 2 showed contrast in the colon at 8 hours.",
         "Diet was advanced and {he} had bowel movements before discharge.",
         "Surgery followed throughout and no operation was needed."],
        ["Nasogastric tube placement"], ["ct_abdomen"], "SURGERY"),
    Scenario(
        "Elective {side} total hip arthroplasty for osteoarthritis",
        ["Elective admission", "Hip osteoarthritis"],
        ["{He} has end-stage osteoarthritis of the {side} hip with pain limiting walking to one block despite "
         "injections and physiotherapy.", "{He} was admitted electively for total hip arthroplasty.",
         "Pre-operative assessment was unremarkable."],
        ["Not applicable; direct admission from the operating room."],
        ["{He} underwent an uncomplicated {side} total hip arthroplasty via a posterior approach.",
         "Pain was controlled with scheduled acetaminophen and oxycodone as needed.",
         "{He} mobilized on the day of surgery with physiotherapy and cleared stairs on day 2.",
         "Aspirin 81 mg twice daily was started for VTE prophylaxis for 35 days.",
         "Post-operative radiographs showed satisfactory component position.",
         "The dressing was clean and dry at discharge."],
        ["{Side} total hip arthroplasty"], ["msk_hip"], "ORTHOPAEDICS"),
    Scenario(
        "Traumatic cervical spinal cord injury",
        ["Trauma", "Fall from height", "Motor vehicle collision"],
        ["{He} was the restrained driver in a high-speed collision with prolonged extrication.",
         "At the scene {he} could not move {his} legs and had weak hand grip.",
         "Past history is unremarkable and {he} takes no regular medications."],
        ["CT showed a C5-C6 fracture-dislocation; MRI showed cord contusion.",
         "{He} was taken for anterior decompression and fusion on the night of admission."],
        ["Post-operatively {he} was C6 AIS B.", "Neurogenic bowel and bladder programs were started.",
         "Mean arterial pressure goals were maintained for 7 days.",
         "{He} was screened for DVT weekly.", "Transfer to inpatient spinal cord injury rehabilitation was arranged."],
        ["Anterior cervical decompression and fusion C5-C6"], ["spine"], "TRAUMA SURGERY"),
]

PROBLEM_ITEMS = [
    # (past-medical-history entry, hospital-course sentences, home medications)
    ("Hypertension", ["Home amlodipine was continued; blood pressures ran 120s-140s systolic.",
                      "Lisinopril was held for AKI and restarted at discharge."], ["amlodipine", "lisinopril"]),
    ("Type 2 diabetes mellitus, last HbA1c {a1c}%", [
        "Metformin was held while inpatient and {he} was covered with sliding-scale insulin; glucose 110-220.",
        "Home regimen resumed at discharge."], ["metformin", "empagliflozin", "insulin glargine"]),
    ("Hyperlipidemia", ["Continued atorvastatin."], ["atorvastatin"]),
    ("Atrial fibrillation on anticoagulation", [
        "Rate controlled on metoprolol. Apixaban was held around the procedure and restarted on day {n}."],
        ["metoprolol succinate", "apixaban"]),
    ("Chronic kidney disease stage 3b (baseline creatinine 1.{n})", [
        "Creatinine remained at baseline. Renally dosed medications were reviewed."], []),
    ("Coronary artery disease, drug-eluting stent to the LAD in {year}", [
        "No chest pain during admission. Aspirin and statin were continued."], ["aspirin", "atorvastatin"]),
    ("Hypothyroidism", ["Continued levothyroxine. TSH {tsh}."], ["levothyroxine"]),
    ("Depression", ["Mood stable; continued sertraline."], ["sertraline"]),
    ("Gastroesophageal reflux disease", ["Continued home PPI."], ["omeprazole"]),
    ("Obstructive sleep apnea on CPAP", ["CPAP was used nightly with home settings."], []),
    ("Osteoarthritis of both knees", ["Pain controlled with acetaminophen; topical diclofenac as needed."],
     ["acetaminophen"]),
    ("Benign prostatic hyperplasia", ["Tamsulosin was continued; voiding without difficulty."], ["tamsulosin"]),
    ("Gout", ["No flares during admission. Allopurinol continued."], ["allopurinol"]),
    ("Anemia of chronic disease", ["Hemoglobin stable at {hgb}; no transfusion required."], []),
    ("Chronic obstructive pulmonary disease", ["Continued home inhalers; no exacerbation."],
     ["tiotropium", "albuterol"]),
    ("Osteoporosis", ["Continued calcium and vitamin D; alendronate held while NPO."], ["alendronate", "vitamin D3"]),
    ("Anxiety", ["Continued home regimen; no acute issues."], ["sertraline"]),
    ("Peripheral neuropathy", ["Continued gabapentin at a renally adjusted dose."], ["gabapentin"]),
    ("Alcohol use disorder", ["Monitored on CIWA protocol; required no benzodiazepines. Thiamine and folate given."],
     ["thiamine"]),
    ("Chronic low back pain", ["Pain regimen unchanged from home."], ["acetaminophen"]),
    ("Hypertrophic osteoarthritis of the hips", ["Followed by orthopaedics as an outpatient."], []),
    ("Iron deficiency", ["Ferritin {n}{n2}; IV iron given before discharge."], ["ferrous sulfate"]),
    ("Migraine", ["No headaches during admission."], []),
    ("Glaucoma", ["Continued home eye drops."], ["latanoprost"]),
]
SURGICAL_HISTORY = ["Appendectomy ({year})", "Cholecystectomy", "{Side} total knee replacement ({year})",
                    "Cesarean section x2", "Inguinal hernia repair", "CABG x3 ({year})", "Tonsillectomy as a child",
                    "Cataract surgery, both eyes", "Lumbar laminectomy L4-L5", "TURP ({year})", "Hysterectomy",
                    "ORIF {side} ankle ({year})", "Carpal tunnel release", "Rotator cuff repair", "None"]
ALLERGIES = ["No known drug allergies", "Penicillins (rash)", "Sulfa drugs", "Codeine (nausea)",
             "Iodinated contrast (hives), premedicate", "Lisinopril (angioedema)", "Latex", "Morphine (itching)",
             "Shellfish", "No known allergies"]

# (name, doses, route, frequencies)
MEDICATIONS = [
    ("amlodipine", ["2.5 mg", "5 mg", "10 mg"], "PO", ["DAILY"]),
    ("lisinopril", ["5 mg", "10 mg", "20 mg", "40 mg"], "PO", ["DAILY"]),
    ("losartan", ["25 mg", "50 mg", "100 mg"], "PO", ["DAILY"]),
    ("metoprolol succinate", ["25 mg", "50 mg", "100 mg"], "PO", ["DAILY"]),
    ("metoprolol tartrate", ["12.5 mg", "25 mg", "50 mg"], "PO", ["BID"]),
    ("carvedilol", ["3.125 mg", "6.25 mg", "12.5 mg"], "PO", ["BID"]),
    ("furosemide", ["20 mg", "40 mg", "80 mg"], "PO", ["DAILY", "BID"]),
    ("torsemide", ["10 mg", "20 mg", "40 mg"], "PO", ["DAILY"]),
    ("spironolactone", ["12.5 mg", "25 mg"], "PO", ["DAILY"]),
    ("hydrochlorothiazide", ["12.5 mg", "25 mg"], "PO", ["DAILY"]),
    ("atorvastatin", ["10 mg", "20 mg", "40 mg", "80 mg"], "PO", ["QPM", "DAILY"]),
    ("rosuvastatin", ["5 mg", "10 mg", "20 mg"], "PO", ["DAILY"]),
    ("aspirin", ["81 mg"], "PO", ["DAILY"]),
    ("clopidogrel", ["75 mg"], "PO", ["DAILY"]),
    ("apixaban", ["2.5 mg", "5 mg"], "PO", ["BID"]),
    ("rivaroxaban", ["15 mg", "20 mg"], "PO", ["DAILY with dinner"]),
    ("warfarin", ["2 mg", "3 mg", "5 mg"], "PO", ["DAILY16", "as directed by anticoagulation clinic"]),
    ("enoxaparin", ["40 mg"], "SC", ["DAILY"]),
    ("heparin", ["5000 UNIT"], "SC", ["TID"]),
    ("metformin", ["500 mg", "850 mg", "1000 mg"], "PO", ["BID"]),
    ("insulin glargine", ["10 Units", "18 Units", "24 Units", "32 Units"], "SC", ["at bedtime"]),
    ("insulin lispro", ["sliding scale"], "SC", ["TID with meals"]),
    ("empagliflozin", ["10 mg", "25 mg"], "PO", ["DAILY"]),
    ("sitagliptin", ["50 mg", "100 mg"], "PO", ["DAILY"]),
    ("levothyroxine", ["50 mcg", "75 mcg", "88 mcg", "100 mcg", "125 mcg"], "PO", ["DAILY"]),
    ("omeprazole", ["20 mg", "40 mg"], "PO", ["DAILY"]),
    ("pantoprazole", ["40 mg"], "PO", ["Q24H", "Q12H"]),
    ("famotidine", ["20 mg"], "PO", ["BID"]),
    ("sertraline", ["25 mg", "50 mg", "100 mg"], "PO", ["DAILY"]),
    ("escitalopram", ["10 mg", "20 mg"], "PO", ["DAILY"]),
    ("mirtazapine", ["7.5 mg", "15 mg"], "PO", ["QHS"]),
    ("trazodone", ["25 mg", "50 mg"], "PO", ["QHS:PRN insomnia"]),
    ("quetiapine", ["12.5 mg", "25 mg"], "PO", ["QHS"]),
    ("gabapentin", ["100 mg", "300 mg", "600 mg"], "PO", ["TID", "QHS"]),
    ("pregabalin", ["25 mg", "75 mg"], "PO", ["BID"]),
    ("acetaminophen", ["500 mg", "650 mg", "1000 mg"], "PO", ["Q6H", "Q8H", "Q6H:PRN pain"]),
    ("oxycodone", ["2.5 mg", "5 mg"], "PO", ["Q4H:PRN severe pain", "Q6H:PRN pain"]),
    ("tramadol", ["50 mg"], "PO", ["Q6H:PRN pain"]),
    ("senna", ["8.6 mg"], "PO", ["BID:PRN constipation", "QHS"]),
    ("docusate sodium", ["100 mg"], "PO", ["BID"]),
    ("polyethylene glycol", ["17 g"], "PO", ["DAILY:PRN constipation"]),
    ("bisacodyl", ["10 mg"], "PR", ["DAILY:PRN"]),
    ("ondansetron", ["4 mg"], "PO/IV", ["Q8H:PRN nausea"]),
    ("tamsulosin", ["0.4 mg"], "PO", ["QHS"]),
    ("finasteride", ["5 mg"], "PO", ["DAILY"]),
    ("allopurinol", ["100 mg", "300 mg"], "PO", ["DAILY"]),
    ("albuterol inhaler", ["2 PUFF"], "IH", ["Q4H:PRN wheeze or shortness of breath"]),
    ("tiotropium", ["18 mcg"], "IH", ["DAILY"]),
    ("fluticasone-salmeterol", ["250/50 mcg 1 INH"], "IH", ["BID"]),
    ("prednisone", ["40 mg", "20 mg", "5 mg"], "PO", ["DAILY"]),
    ("ceftriaxone", ["1 g", "2 g"], "IV", ["Q24H"]),
    ("cefpodoxime", ["200 mg"], "PO", ["Q12H"]),
    ("cephalexin", ["500 mg"], "PO", ["Q6H"]),
    ("amoxicillin-clavulanate", ["875 mg"], "PO", ["Q12H"]),
    ("azithromycin", ["250 mg", "500 mg"], "PO", ["DAILY"]),
    ("doxycycline", ["100 mg"], "PO", ["Q12H"]),
    ("nitrofurantoin", ["100 mg"], "PO", ["BID"]),
    ("vitamin D3", ["1000 UNIT", "2000 UNIT"], "PO", ["DAILY"]),
    ("calcium carbonate", ["500 mg"], "PO", ["BID"]),
    ("ferrous sulfate", ["325 mg"], "PO", ["DAILY", "every other day"]),
    ("folic acid", ["1 mg"], "PO", ["DAILY"]),
    ("thiamine", ["100 mg"], "PO", ["DAILY"]),
    ("multivitamin", ["1 TAB"], "PO", ["DAILY"]),
    ("alendronate", ["70 mg"], "PO", ["weekly on Sundays"]),
    ("latanoprost 0.005% ophthalmic solution", ["1 DROP"], "BOTH EYES", ["QHS"]),
    ("lidocaine 5% patch", ["1 PTCH"], "TD", ["QAM, 12 hours on, 12 off"]),
    ("melatonin", ["3 mg"], "PO", ["QHS:PRN"]),
    ("nicotine patch", ["14 mg/24 hr", "21 mg/24 hr"], "TD", ["DAILY"]),
    ("magnesium oxide", ["400 mg"], "PO", ["DAILY"]),
    ("potassium chloride", ["20 mEq"], "PO", ["DAILY"]),
    ("baclofen", ["5 mg", "10 mg"], "PO", ["TID"]),
    ("donepezil", ["5 mg", "10 mg"], "PO", ["QHS"]),
    ("levetiracetam", ["500 mg", "750 mg"], "PO", ["BID"]),
]
MED_CHANGES = ["", "", "", "", " ***NEW***", " (dose changed)", " (held until follow-up)"]

# (analyte, low, high, decimals): one panel per line, "WBC-7.2 RBC-4.11 ..."; no range means a word (UA_WORDS).
LabItem = tuple[str, float | None, float | None, int]
LAB_PANELS: dict[str, list[LabItem]] = {
    "CBC": [("WBC", 3.5, 16.0, 1), ("RBC", 3.0, 5.6, 2), ("Hgb", 7.5, 16.5, 1), ("Hct", 24.0, 49.0, 1),
            ("MCV", 78, 102, 0), ("MCH", 26.0, 34.0, 1), ("MCHC", 31.0, 35.5, 1), ("RDW", 11.8, 17.5, 1),
            ("Plt Ct", 90, 460, 0)],
    "DIFF": [("Neuts", 45.0, 88.0, 1), ("Lymphs", 5.0, 38.0, 1), ("Monos", 3.0, 11.0, 1), ("Eos", 0.0, 5.0, 1),
             ("Baso", 0.1, 1.2, 1)],
    "CHEM": [("Glucose", 72, 290, 0), ("UreaN", 7, 58, 0), ("Creat", 0.5, 3.4, 1), ("Na", 128, 146, 0),
             ("K", 3.1, 5.6, 1), ("Cl", 94, 110, 0), ("HCO3", 17, 31, 0), ("AnGap", 8, 20, 0)],
    "LFT": [("ALT", 8, 120, 0), ("AST", 10, 140, 0), ("AlkPhos", 40, 260, 0), ("TotBili", 0.2, 2.8, 1),
            ("Albumin", 2.4, 4.8, 1)],
    "MIN": [("Calcium", 7.8, 10.4, 1), ("Phos", 2.1, 5.0, 1), ("Mg", 1.5, 2.6, 1)],
    "COAG": [("PT", 10.5, 24.0, 1), ("PTT", 24.0, 48.0, 1), ("INR(PT)", 0.9, 3.2, 1)],
    "CARD": [("cTropnT", 0.01, 0.09, 2), ("proBNP", 90, 9800, 0)],
    "OTHER": [("Lactate", 0.7, 4.8, 1), ("CRP", 1.0, 210.0, 1), ("TSH", 0.4, 6.5, 2), ("%HbA1c", 5.2, 11.4, 1),
              ("Ferritn", 12, 640, 0)],
    "UA": [("Color", None, None, 0), ("SpecGr", 1.003, 1.030, 3), ("pH", 5.0, 8.0, 1), ("Leuks", None, None, 0),
           ("Nitrite", None, None, 0), ("WBC", 0, 182, 0), ("RBC", 0, 30, 0), ("Bacteri", None, None, 0)],
}
UA_WORDS = {"Color": ["Yellow", "Straw", "Amber"], "Leuks": ["NEG", "SM", "MOD", "LG"], "Nitrite": ["NEG", "POS"],
            "Bacteri": ["NONE", "FEW", "MOD", "MANY"]}
LAB_SPECIMENS = {"UA": "URINE", "OTHER": "BLOOD"}

EXAM_SYSTEMS = [
    ("General", ["Alert, oriented, in no acute distress.", "Comfortable, conversant.", "Elderly, frail, resting in "
                 "bed.", "Appears unwell, diaphoretic.", "Well-appearing, sitting up in a chair."]),
    ("HEENT", ["Normocephalic, atraumatic. Sclerae anicteric. Mucous membranes moist.", "Dry mucous membranes. "
               "Oropharynx clear.", "Pupils equal and reactive. EOMI. No scleral icterus."]),
    ("Neck", ["Supple. JVP not elevated.", "JVP at {n} cm above the sternal angle.", "No lymphadenopathy."]),
    ("Cardiovascular", ["Regular rate and rhythm. Normal S1 and S2. No murmurs, rubs or gallops.",
                        "Irregularly irregular rhythm. II/VI systolic murmur at the apex.", "Tachycardic, regular, "
                        "no murmur."]),
    ("Lungs", ["Clear to auscultation bilaterally. No wheezes, rales or rhonchi.", "Crackles at the {side} base.",
               "Diffuse expiratory wheeze with prolonged expiratory phase.", "Decreased breath sounds at both bases."]),
    ("Abdomen", ["Soft, non-tender, non-distended. Normal bowel sounds.", "Mild epigastric tenderness without rebound "
                 "or guarding.", "Distended, tympanic, diffusely tender.", "Obese, soft, non-tender."]),
    ("Extremities", ["Warm and well perfused. No edema.", "2+ pitting edema to the knees bilaterally.",
                     "Trace ankle edema. Distal pulses palpable.", "{Side} lower leg erythematous, warm and swollen to "
                     "mid-calf."]),
    ("Neuro", ["Alert and oriented x3. CN II-XII intact. Strength 5/5 throughout. Sensation intact.",
               "Oriented to person only. Moves all extremities.", "Mild {side} pronator drift. Speech fluent.",
               "Non-focal exam."]),
    ("Skin", ["No rashes or lesions.", "Warm and dry.", "Stage 2 pressure injury over the sacrum, clean base.",
              "Scattered ecchymoses on the forearms."]),
]
ROS_NEGATIVES = ["fever", "chills", "night sweats", "weight loss", "headache", "vision change", "sore throat", "cough",
                 "chest pain", "palpitations", "shortness of breath", "nausea", "vomiting", "diarrhea",
                 "constipation", "melena", "hematochezia", "dysuria", "hematuria", "rash", "joint pain", "myalgias",
                 "leg swelling", "focal weakness", "numbness"]

DISPOSITIONS = ["Home", "Home with services", "Extended care facility", "Home with home physical therapy",
                "Acute rehabilitation facility", "Skilled nursing facility"]
CONDITION_LINES = [
    "Mental status: clear and coherent. Level of consciousness: alert and interactive. Activity status: ambulatory, "
    "independent.",
    "Mental status: clear and coherent. Level of consciousness: alert. Activity status: ambulatory, requires "
    "assistance or aid (walker or cane).",
    "Mental status: confused, sometimes. Level of consciousness: lethargic but arousable. Activity status: out of "
    "bed with assistance to chair.",
    "Stable. Afebrile, tolerating diet, pain controlled on oral medications.",
]
INSTRUCTION_OPENERS = [
    "Dear {title} {surname},\n\nIt was a privilege caring for you at our hospital.",
    "{title} {surname}, you were admitted to the hospital because of {reason}.",
    "Dear {title} {surname}, thank you for letting us take part in your care.",
]
INSTRUCTION_WHY = [
    "WHY WERE YOU IN THE HOSPITAL?\n- You came in because of {reason}.",
    "Why you were here: {reason}.",
]
INSTRUCTION_DONE = [
    "You were treated with {treatment}.", "We adjusted some of your medications; please see the list below.",
    "You were seen by physical therapy, who felt you were safe to go {dispo_lower}.",
    "Your blood counts were checked regularly and stayed stable.", "We stopped one of your blood pressure medicines "
    "because your pressures were low.", "You had imaging of {exam_lower} which is described above.",
]
INSTRUCTION_TODO = [
    "Please take all of your medications as prescribed.", "Weigh yourself every morning and call your doctor if your "
    "weight goes up by more than 3 lbs in a day or 5 lbs in a week.", "Please go to your follow-up appointments.",
    "Do not drive while taking oxycodone.", "Keep the incision clean and dry; you may shower but do not soak it.",
    "Avoid ibuprofen, naproxen and other NSAIDs.", "Limit salt in your diet to 2 grams per day.",
    "Walk several times a day and use your incentive spirometer.",
    "Check your blood sugar before meals and at bedtime.",
]
WARNING_SIGNS = [
    "fever over 101 F (38.3 C)", "chest pain or shortness of breath", "new confusion", "bleeding that does not stop",
    "black or bloody stools", "increasing redness, swelling or drainage from the wound", "calf pain or leg swelling",
    "fainting", "vomiting and unable to keep down fluids", "worsening pain not controlled by your medications",
    "new weakness or numbness", "decreased urine output",
]
INSTRUCTION_CLOSERS = ["We wish you the best.\n\nSincerely,\nYour care team", "Take care,\nYour {service_lower} team",
                       "It was a pleasure taking care of you."]
FOLLOW_UPS = [
    "Department: PRIMARY CARE\nWhen: {weekday} {date} at {clinic_time}\nWith: {doctor}, {role}\n"
    "Building: {building} Campus: {campus}",
    "Please follow up with your primary care physician within 1 week.",
    "{Specialty} clinic with Dr. {doctor} in {weeks} weeks; the clinic will call you to schedule.",
    "Laboratory: BMP on {date} (fax results to Dr. {doctor}).",
    "Anticoagulation clinic on {date} for INR check.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
BUILDINGS = ["West Pavilion 3", "Medical Office Building 2", "Clinic Tower 5", "Outpatient Center 1"]
CAMPUSES = ["NORTH", "EAST", "MAIN", "RIVERSIDE"]
TRANSITIONAL = [
    "Recheck BMP in 1 week given diuretic changes.", "Follow up pending blood cultures.",
    "Consider restarting aspirin at GI follow-up.", "Reassess need for home oxygen.",
    "Outpatient colonoscopy is recommended.", "Titrate beta-blocker as tolerated.",
    "Incidental {mm} mm lung nodule: follow-up CT in {n} months.", "Code status: full code, confirmed with patient.",
    "Health care proxy: {his} daughter.", "Vaccinations were offered and declined.",
]

# --------------------------------------------------------------------------------------------------------------------
# Ward notes: physician progress notes and nursing notes
# --------------------------------------------------------------------------------------------------------------------

PROGRESS_TITLES = ["Medicine Progress Note", "Hospitalist Daily Progress Note", "PROGRESS NOTE", "Surgery Progress "
                   "Note - POD {n}", "ICU Progress Note", "Orthopaedic Ward Round", "Geriatrics Progress Note"]
OVERNIGHT = [
    "No acute events overnight.", "Overnight: brief episode of AF with RVR to 130s, resolved with IV metoprolol.",
    "Febrile to 38.4 overnight; cultures sent.", "Required 1 dose of oxycodone for pain overnight.",
    "Pulled out IV overnight, replaced.", "Hypotensive to 88/50 overnight, responded to 500 mL bolus.",
    "Slept well. Pain controlled.", "Desaturated to 86% on room air while asleep; placed on 2 L NC.",
    "Agitated around 2 am, redirected without medication.",
]
SUBJECTIVE = [
    "Feels better today.", "Reports pain is {pain}/10, improved from yesterday.", "Tolerating a regular diet.",
    "Denies chest pain, shortness of breath, nausea or vomiting.", "Had a bowel movement yesterday.",
    "Still short of breath walking to the bathroom.", "Worried about going home alone.",
    "Passing flatus, no BM yet.", "Slept poorly because of noise on the unit.", "Denies dysuria. No abdominal pain.",
    "Walked the hallway twice with PT.", "Cough is less productive.", "Complains of mild headache this morning.",
    "Poor appetite; ate about half of breakfast.",
]
PROGRESS_PLANS = [
    "Continue current management.", "PT/OT to evaluate for discharge needs.", "Follow up cultures.",
    "Advance diet as tolerated.", "Wean oxygen to keep saturation 92% or above.", "Repeat BMP in the morning.",
    "Hold anticoagulation for procedure tomorrow.", "Discharge planning: likely home tomorrow if stable.",
    "Case management consulted for home services.", "Goals of care discussion with family this afternoon.",
    "Trend hemoglobin daily; transfuse if under 7.", "Replete potassium and magnesium per protocol.",
    "Increase furosemide to 40 mg IV BID.", "Switch to oral antibiotics tomorrow if afebrile.",
]
FEN_PPX = [
    "FEN: regular diet, replete lytes PRN. PPx: heparin SC, bowel regimen. Access: PIV. Code: full. Dispo: home when "
    "medically ready.",
    "F/E/N: cardiac diet, 1.5 L fluid restriction. DVT ppx: enoxaparin. Code status: DNR/DNI, confirmed. HCP: "
    "daughter. Dispo: pending PT.",
    "Nutrition: NPO after midnight. Prophylaxis: SCDs, PPI. Lines: right PICC. Code: full. Disposition: floor.",
]
NURSING_TITLES = ["Nursing Progress Note", "NURSING NOTE 0700-1900", "Nursing Shift Assessment 1900-0700",
                  "RN Note", "Nursing Admission Note"]
NURSING_SYSTEMS = [
    ("Neuro", ["A&O x3, follows commands, MAE.", "Alert, oriented to self and place only; reorients easily.",
               "Lethargic but arousable to voice. PERRL.", "Calm and cooperative. Denies numbness or tingling.",
               "Intermittently confused overnight; bed alarm on."]),
    ("CV", ["HR {hr10}s NSR, BP {sbp}s/{dbp}s.", "Afib, rate {hr10}s, asymptomatic.", "Pulses palpable x4, no edema.",
            "+1 pedal edema bilaterally. Telemetry: SR with occasional PVCs."]),
    ("Resp", ["LS clear, RA, SpO2 {spo2}%.", "Coarse crackles at bases, on 2 L NC, sats {spo2}%.",
              "Encouraged IS, pulling 1000 mL.", "Nonproductive cough. No distress."]),
    ("GI", ["Abd soft, +BS, tolerating diet.", "Nausea after lunch, ondansetron given with effect.",
            "Last BM {date}; senna given.", "NPO for procedure, IVF running at {n}0 mL/hr."]),
    ("GU", ["Voiding QS, clear yellow urine.", "Foley in place draining clear urine.", "Incontinent x1, "
            "peri-care given.", "Bladder scan {n}00 mL, straight cath per order."]),
    ("Skin", ["Intact.", "Surgical dressing to {side} {joint} clean, dry and intact.", "Sacrum blanchable, turned "
              "q2h.", "IV site without redness or swelling.", "Bruising to abdomen from injections."]),
    ("Pain", ["Rates pain {pain}/10, medicated with acetaminophen with relief.", "Pain {pain}/10 with movement; "
              "oxycodone 5 mg given.", "Denies pain.", "Ice applied to the {side} {joint} with good effect."]),
    ("Activity", ["Up to chair with assist x1.", "Ambulated in hallway with walker and PT.", "Bedrest, repositioned "
                  "q2h.", "Falls risk: high, bed low and locked, call bell within reach."]),
    ("Psychosocial", ["Wife at bedside, updated on plan.", "Tearful at times, emotional support given.",
                      "Son called for update.", "Patient anxious about discharge; SW aware."]),
]
NURSING_PLANS = ["Continue to monitor.", "Plan: continue POC, safety maintained.", "Will continue to monitor and "
                 "update MD with changes.", "Awaiting bed in rehab.", "Handover given to oncoming RN."]

# --------------------------------------------------------------------------------------------------------------------
# Orthopaedic and rehabilitation clinic notes
# --------------------------------------------------------------------------------------------------------------------

# (movement, lowest, highest) in degrees; negative extension means a flexion contracture.
ROM_BY_JOINT: dict[str, list[tuple[str, int, int]]] = {
    "hip": [("flexion", 70, 120), ("abduction", 15, 45), ("adduction", 10, 30), ("internal rotation", 0, 35),
            ("external rotation", 10, 50)],
    "knee": [("extension", -15, 0), ("flexion", 60, 135)],
    "elbow": [("extension", -45, 0), ("flexion", 90, 145), ("pronation", 40, 80), ("supination", 30, 85)],
    "shoulder": [("forward flexion", 70, 175), ("abduction", 60, 170), ("external rotation", 10, 70),
                 ("internal rotation", 20, 70)],
    "ankle": [("dorsiflexion", -5, 20), ("plantarflexion", 20, 50), ("inversion", 10, 35), ("eversion", 5, 20)],
    "wrist": [("flexion", 30, 80), ("extension", 30, 70), ("radial deviation", 5, 20), ("ulnar deviation", 15, 35)],
}


@dataclass(frozen=True)
class ClinicVisit:
    """One kind of orthopaedic clinic visit: the history, exam, imaging and plan it calls for."""

    joint: str
    title: str
    history: list[str]
    exam: list[str]
    imaging: list[str]
    plan: list[str]


CLINIC_VISITS = [
    ClinicVisit("hip", "{weeks} weeks after {side} total hip arthroplasty", [
        "{He} is {weeks} weeks out from a {side} total hip arthroplasty via a {approach} approach.",
        "{He} is walking with {aid} and has stopped taking opioids.",
        "Pain is {pain}/10, mostly in the groin after long walks.",
        "{He} completed {his} course of aspirin for VTE prophylaxis.",
        "Denies fevers, wound drainage or calf pain.",
        "{He} reports some stiffness in the morning that eases with activity.",
    ], ["Incision is well healed without erythema or drainage.", "Mild tenderness over the greater trochanter.",
        "Leg lengths are clinically equal.", "Trendelenburg sign is negative.", "Straight leg raise is strong."], [
        "AP pelvis and lateral hip radiographs show well-fixed components in good position.",
        "Radiographs show the components unchanged in position with no subsidence.",
    ], ["Progress to full weight bearing without aids.", "Continue home exercise program focusing on abductor "
        "strengthening.", "Hip precautions for another 6 weeks.", "Return in {n} months with radiographs.",
        "Dental prophylaxis was discussed."]),
    ClinicVisit("knee", "{weeks} weeks after {side} total knee arthroplasty", [
        "{He} underwent a {side} total knee arthroplasty {weeks} weeks ago.",
        "{He} is attending outpatient physiotherapy twice a week.",
        "Main complaint is stiffness, especially getting in and out of the car.",
        "Night pain is improving; {he} uses acetaminophen and occasionally tramadol.",
        "No fevers or wound problems.",
    ], ["Incision healed. Moderate effusion.", "Stable to varus and valgus stress.", "Quadriceps lag of {n} degrees.",
        "Calf soft and non-tender."], [
        "Radiographs show well-aligned components without lucency.",
    ], ["Continue aggressive range-of-motion work with physiotherapy.", "Discussed manipulation under anesthesia if "
        "flexion does not reach 90 degrees by the next visit.", "Return in {weeks} weeks.",
        "Ice and elevation after exercise."]),
    ClinicVisit("hip", "{side} hip pain", [
        "{He} describes {n} years of progressive {side} groin pain radiating to the knee.",
        "Pain limits {his} walking to {n} blocks and wakes {him} at night.",
        "{He} has tried physiotherapy, weight loss and an intra-articular steroid injection with short-lived relief.",
        "Putting on shoes and socks has become difficult.", "No back pain or leg numbness.",
    ], ["Antalgic gait.", "Pain at the extremes of internal rotation.", "FADIR positive.",
        "Neurovascularly intact distally."], [
        "Standing AP pelvis shows severe joint space narrowing with subchondral cysts and osteophytes.",
        "Radiographs show moderate osteoarthritis of the {side} hip.",
    ], ["We discussed total hip arthroplasty, including risks of infection, dislocation, leg length discrepancy and "
        "DVT.", "{He} wishes to proceed; pre-operative assessment booked.", "Trial of a further injection under "
        "imaging guidance.", "Weight loss and activity modification advised."]),
    ClinicVisit("knee", "{side} knee pain", [
        "{He} presents with {side} knee pain of {n} months' duration after a twisting injury playing football.",
        "{He} reports episodes of locking and giving way.", "Swelling came on within hours of the injury.",
        "{He} has tried rest, ice and ibuprofen.",
    ], ["Small effusion.", "Medial joint line tenderness.", "McMurray test positive medially.",
        "Lachman with soft end point.", "Full extension, flexion limited by pain."], [
        "MRI shows a bucket-handle tear of the medial meniscus.", "MRI demonstrates an ACL rupture with bone bruising.",
        "Radiographs show no fracture; mild medial joint space narrowing.",
    ], ["Arthroscopy discussed and listed.", "Prehabilitation with physiotherapy.", "Knee brace for sport.",
        "Follow up after MRI."]),
    ClinicVisit("elbow", "{side} elbow fracture-dislocation follow-up", [
        "{He} sustained a {side} elbow fracture-dislocation {weeks} weeks ago and underwent fixation of the radial "
        "head and coronoid.", "{He} has been in a hinged brace and doing active-assisted exercises.",
        "{He} cannot yet touch {his} face with the {side} hand.", "No numbness in the ring or little finger.",
    ], ["Wound healed.", "Elbow stable through the arc of motion.", "Ulnar nerve function intact.",
        "Tender over the lateral epicondyle."], [
        "Radiographs show maintained reduction; hardware intact.", "Fracture lines are healing.",
    ], ["Discontinue the brace.", "Static progressive splinting for extension at night.", "Continue physiotherapy.",
        "Review in {weeks} weeks with radiographs."]),
    ClinicVisit("wrist", "{side} distal radius fracture", [
        "{He} fell on an outstretched hand {weeks} weeks ago and sustained a {side} distal radius fracture treated "
        "with volar plate fixation.", "{He} reports stiffness and mild pain with gripping.",
        "No numbness in the fingers.",
    ], ["Wound healed. Mild swelling.", "Median nerve sensation intact.", "Grip strength reduced compared with the "
        "other side."], ["Radiographs show healing with maintained alignment."],
        ["Start strengthening exercises with hand therapy.", "Return to driving when comfortable.",
         "DEXA scan ordered given fragility fracture."]),
    ClinicVisit("ankle", "{side} ankle fracture after ORIF", [
        "{He} is {weeks} weeks after open reduction and internal fixation of a {side} bimalleolar ankle fracture.",
        "{He} has been non-weight bearing in a boot.", "Swelling worsens by the end of the day.",
        "No calf pain or shortness of breath.",
    ], ["Incisions healed.", "Moderate ankle swelling.", "Calf soft.", "Sensation intact in the foot."], [
        "Radiographs show the mortise congruent and fracture healing.",
    ], ["Progress to weight bearing as tolerated in the boot.", "Physiotherapy for range of motion and gait.",
        "Compression stocking.", "Review in {weeks} weeks."]),
    ClinicVisit("shoulder", "{side} shoulder pain", [
        "{He} reports {n} months of {side} shoulder pain, worse with overhead activity and at night.",
        "{He} cannot sleep on that side.", "There was no specific injury.",
        "A subacromial injection in primary care helped for about six weeks.",
    ], ["Painful arc between 60 and 120 degrees.", "Positive Hawkins and Neer tests.", "Weakness of external "
        "rotation.", "Cervical spine exam unremarkable."], [
        "Radiographs show a type 2 acromion and mild acromioclavicular joint arthrosis.",
        "Ultrasound shows a partial-thickness supraspinatus tear.",
    ], ["Physiotherapy for rotator cuff and scapular strengthening.", "Repeat injection offered.",
        "MRI if no improvement in {weeks} weeks.", "Arthroscopic subacromial decompression discussed."]),
    ClinicVisit("hip", "{side} acetabular fracture follow-up", [
        "{He} was injured in a motorcycle collision {weeks} weeks ago with a {side} posterior wall acetabular fracture "
        "fixed through a Kocher-Langenbeck approach.", "{He} had a prolonged ICU stay and a concomitant head injury.",
        "{He} is now touch weight bearing with a walker.", "Pain is controlled on acetaminophen.",
    ], ["Incision healed.", "Sciatic nerve function intact; ankle dorsiflexion 5/5.", "Mild abductor weakness."], [
        "Radiographs show maintained reduction of the acetabulum with intact hardware.",
    ], ["Progress weight bearing over the next four weeks.", "Continue physiotherapy.",
        "Return in {weeks} weeks with an AP pelvis and Judet views."]),
]
CLINIC_OPENERS = ["ORTHOPAEDIC CLINIC NOTE", "Orthopaedic Outpatient Follow-up", "Fracture Clinic",
                  "ARTHROPLASTY CLINIC", "Sports Medicine Clinic - New Patient", "Upper Limb Clinic"]
APPROACHES = ["posterior", "direct anterior", "anterolateral", "lateral"]
CLINIC_GENERAL = [
    "{He} works as a {occupation} and hopes to return to work in {weeks} weeks.",
    "BMI is {bmi}.", "{He} does not smoke.", "Medical history is otherwise notable for {condition}.",
    "{He} lives {living}.", "Current medications were reviewed and are listed in the chart.",
    "{He} uses {aid} outdoors.", "Allergies: {allergy}.",
]
REHAB_CONDITIONS = [
    ("C6 AIS {ais} tetraplegia after a diving injury {weeks} weeks ago", "spinal cord injury"),
    ("T{vert_t} AIS {ais} paraplegia after a fall from scaffolding", "spinal cord injury"),
    ("severe traumatic brain injury after a motorcycle collision, GCS 6 at the scene", "brain injury"),
    ("{side} hemiparesis after a right middle cerebral artery infarct", "stroke"),
    ("{pct} percent total body surface area flame burns involving both upper limbs", "burns"),
    ("{side} transfemoral amputation after a crush injury", "amputation"),
    ("polytrauma with pelvic and femoral fractures", "polytrauma"),
]
ASSIST_LEVELS = ["independent", "modified independent", "supervision", "minimal assist", "moderate assist",
                 "maximal assist", "dependent"]
FUNCTION_ITEMS = ["transfers bed to chair", "toilet transfers", "ambulation {n}0 feet with a walker",
                  "wheelchair propulsion {n}00 feet", "lower body dressing", "upper body dressing", "grooming",
                  "bathing", "feeding", "stairs (4 steps with a rail)"]
MAS_GROUPS = ["elbow flexors", "wrist flexors", "hip adductors", "knee extensors", "ankle plantarflexors",
              "knee flexors", "finger flexors"]
MAS_GRADES = ["0", "1", "1+", "2", "3"]
REHAB_SECTIONS = {
    "Bladder": ["Intermittent catheterization every 6 hours, volumes under 500 mL.", "Continent, voiding "
                "spontaneously.", "Indwelling catheter; urology follow-up planned.", "Reflex voiding with "
                "occasional leakage; oxybutynin started."],
    "Bowel": ["Daily bowel program with suppository and digital stimulation, effective.", "Continent. Senna at "
              "night.", "One incontinent episode this week; program adjusted."],
    "Skin": ["Skin intact; pressure mapping done for the new cushion.", "Stage 1 pressure area over the {side} heel, "
             "offloading boot in place.", "Grafts healing well; pressure garments being fitted.",
             "Residual limb healing, shrinker in use."],
    "Mood and cognition": ["Mood is low at times; psychology follow-up continues.", "Engaged and motivated in "
                           "therapy.", "Post-traumatic amnesia has resolved.", "Mild attention deficits on "
                           "screening; OT is working on strategies."],
    "Pain": ["Neuropathic pain below the level of injury, partly controlled with gabapentin.", "Pain {pain}/10 in the "
             "{side} shoulder with transfers.", "Phantom limb sensations, not painful.", "Pain well controlled."],
}
REHAB_PLANS = ["Continue PT {n} hours and OT {n} hours daily.", "Serial casting for the {side} ankle.",
               "Botulinum toxin injection to the {muscle_group} next week.", "Family training before a weekend pass.",
               "Wheelchair seating assessment.", "Team conference on {weekday}; estimated discharge in {weeks} weeks.",
               "Continue enoxaparin for VTE prophylaxis.", "Home visit with OT.", "Driving assessment referral."]

# --------------------------------------------------------------------------------------------------------------------
# Operative notes
# --------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Operation:
    """One operation: diagnosis, indication, ordered steps and implants."""

    name: str
    diagnosis: str
    indication: str
    steps: list[str]
    implants: list[str]
    joint: str = ""


OPERATIONS = [
    Operation("{Side} total hip arthroplasty", "Osteoarthritis of the {side} hip",
              "{He} has end-stage osteoarthritis of the {side} hip that has failed non-operative management.", [
                  "The patient was placed in the lateral decubitus position on a pegboard with all bony prominences "
                  "well padded.",
                  "A posterior approach was made through a curvilinear incision centered on the greater trochanter.",
                  "The fascia lata was incised in line with the skin and the short external rotators and capsule "
                  "were tagged and released as one sleeve.",
                  "The hip was dislocated and the femoral neck osteotomy made {n} cm above the lesser trochanter.",
                  "The acetabulum was exposed, the labrum excised and sequentially reamed to {shell} mm with good "
                  "bleeding subchondral bone.",
                  "A {shell} mm porous-coated shell was impacted in about 40 degrees of abduction and 20 degrees of "
                  "anteversion and supplemented with {n} screws.",
                  "The femur was broached to size {n}; trial reduction showed good stability and restored leg length.",
                  "The final stem and a {head} mm ceramic head were impacted and the hip was reduced.",
                  "The capsule and rotators were repaired through drill holes in the greater trochanter.",
              ], ["Porous-coated acetabular shell {shell} mm", "Highly cross-linked polyethylene liner {head} mm",
                  "Cementless femoral stem, size {n}", "Ceramic femoral head {head} mm, +{n} neck"], "hip"),
    Operation("{Side} total knee arthroplasty", "Tricompartmental osteoarthritis of the {side} knee",
              "{He} has disabling knee pain and deformity despite injections and physiotherapy.", [
                  "A tourniquet was applied to the upper thigh and inflated to 250 mmHg.",
                  "A midline incision and medial parapatellar arthrotomy were made.",
                  "The anterior cruciate ligament and menisci were excised.",
                  "An intramedullary guide was used for the distal femoral cut in {n} degrees of valgus.",
                  "The proximal tibial cut was made perpendicular to the mechanical axis with an extramedullary "
                  "guide.",
                  "Flexion and extension gaps were balanced with a small medial release.",
                  "Trial components showed good patellar tracking and full extension.",
                  "The components were cemented and excess cement removed.",
                  "Periarticular local anesthetic was infiltrated.",
              ], ["Femoral component size {n}, cemented", "Tibial baseplate size {n}, cemented",
                  "Polyethylene insert {n}{n2} mm", "Patellar button 35 mm"], "knee"),
    Operation("Open reduction and internal fixation, {side} ankle", "{Side} bimalleolar ankle fracture",
              "Unstable ankle fracture with talar shift.", [
                  "A thigh tourniquet was inflated after exsanguination.",
                  "A lateral incision was made over the fibula, protecting the superficial peroneal nerve.",
                  "The fracture was cleaned of hematoma and reduced with pointed reduction forceps.",
                  "A lag screw was placed followed by a one-third tubular neutralization plate.",
                  "The medial malleolus was reduced through a separate incision and fixed with two partially threaded "
                  "cannulated screws.",
                  "A Cotton test under fluoroscopy showed no syndesmotic instability.",
              ], ["One-third tubular plate, {n} holes", "3.5 mm cortical screws x {n}", "4.0 mm cannulated screws x 2"],
              "ankle"),
    Operation("Intramedullary nailing, {side} femur", "{Side} femoral shaft fracture",
              "Closed displaced midshaft femur fracture after a road traffic collision.", [
                  "The patient was positioned supine on a fracture table.",
                  "A guide wire was inserted through the piriformis fossa entry point.",
                  "The fracture was reduced with traction and a bump and the ball-tipped guide wire passed across it.",
                  "The canal was reamed to {n}{n2} mm and a nail 1.5 mm smaller was inserted.",
                  "Two distal locking screws were placed with a freehand perfect-circle technique.",
                  "Rotation was checked against the other leg before proximal locking.",
              ], ["Antegrade femoral nail {n}{n2} x 380 mm", "Locking screws x 3"], "hip"),
    Operation("{Side} knee arthroscopy with partial medial meniscectomy", "{Side} medial meniscus tear",
              "Mechanical symptoms with an MRI-confirmed tear.", [
                  "Standard anterolateral and anteromedial portals were established.",
                  "Diagnostic arthroscopy showed grade 2 chondral change in the medial compartment.",
                  "A complex tear of the posterior horn of the medial meniscus was debrided to a stable rim.",
                  "The cruciate ligaments were intact.",
                  "The knee was irrigated and portals closed with nylon sutures.",
              ], ["None"], "knee"),
    Operation("Arthroscopic {side} rotator cuff repair", "{Side} full-thickness supraspinatus tear",
              "Persistent pain and weakness after physiotherapy.", [
                  "The patient was placed in the beach chair position.",
                  "Glenohumeral arthroscopy showed an intact labrum and biceps tendon.",
                  "Subacromial bursectomy and acromioplasty were performed.",
                  "The tear measured {n}{n2} mm and was mobilized.",
                  "A double-row repair was performed with {n} suture anchors.",
              ], ["Suture anchors x {n}"], "shoulder"),
    Operation("Laparoscopic cholecystectomy", "Symptomatic cholelithiasis",
              "Recurrent biliary colic with gallstones on ultrasound.", [
                  "Pneumoperitoneum was established through a Hasson technique at the umbilicus.",
                  "Three further ports were placed under direct vision.",
                  "The critical view of safety was obtained before clipping the cystic duct and artery.",
                  "The gallbladder was removed from the liver bed with electrocautery and placed in a retrieval bag.",
                  "Hemostasis was confirmed and the fascia at the umbilicus was closed.",
              ], ["None"]),
    Operation("Open reduction and internal fixation, {side} distal radius", "{Side} distal radius fracture",
              "Displaced intra-articular fracture in an active patient.", [
                  "A volar approach through the flexor carpi radialis sheath was used.",
                  "The pronator quadratus was elevated from the radius.",
                  "The fracture was reduced under fluoroscopy and held with K-wires.",
                  "A volar locking plate was applied and secured with distal locking screws.",
                  "Distal radioulnar joint stability was checked and was normal.",
              ], ["Volar distal radius locking plate", "Locking screws x {n}"], "wrist"),
]
OPERATIVE_FIELDS = [
    ("SURGEON", "{doctor}, MD"), ("ASSISTANT", "{doctor}, PA-C"), ("ANESTHESIA", "{anesthesia}"),
    ("ESTIMATED BLOOD LOSS", "{n}00 mL"), ("FLUIDS", "{n}{n2}00 mL crystalloid"), ("DRAINS", "{drains}"),
    ("SPECIMENS", "{specimens}"), ("COMPLICATIONS", "None"), ("TOURNIQUET TIME", "{n}{n2} minutes"),
]
ANESTHESIA = ["General endotracheal", "Spinal with sedation", "General with a regional block",
              "Regional block with monitored anesthesia care"]
DRAINS = ["None", "One 10 French Hemovac drain", "None"]
SPECIMENS = ["None", "Femoral head to pathology", "Gallbladder to pathology", "None"]
OPERATIVE_OPENINGS = [
    "The patient was identified in the pre-operative area and the operative site was marked. Informed consent was "
    "confirmed.", "The patient was brought to the operating room and anesthesia was induced without difficulty.",
    "Pre-operative antibiotics (cefazolin 2 g IV) were given within 60 minutes of incision.",
    "A surgical time-out confirmed the correct patient, procedure, side and implants.",
    "The {side} limb was prepped and draped in the usual sterile fashion.",
]
OPERATIVE_CLOSINGS = [
    "The wound was irrigated with saline.", "Fascia was closed with a running barbed suture, subcutaneous tissue with "
    "interrupted absorbable sutures and skin with staples.", "A sterile dressing was applied.",
    "Sponge, needle and instrument counts were correct at the end of the case.",
    "The patient was awakened and taken to the recovery room in stable condition.",
    "I was present and scrubbed for the entire procedure.",
]
OPERATIVE_PLANS = ["Weight bearing as tolerated.", "Non-weight bearing for 6 weeks.", "Sling for 6 weeks.",
                   "VTE prophylaxis with enoxaparin for 14 days.", "Antibiotics for 24 hours.",
                   "Follow up in clinic in 2 weeks for wound check.", "Physiotherapy from day 1.",
                   "Discharge when cleared by physiotherapy."]

# --------------------------------------------------------------------------------------------------------------------
# Short notes
# --------------------------------------------------------------------------------------------------------------------

SHORT_FORMS = [
    "TELEPHONE ENCOUNTER\nCaller: patient. Reason: {phone_reason}. Advised: {phone_advice} Call back if worse.",
    "Medication refill request: {med}. Last seen {date}. Refill approved x {n} months.",
    "Addendum: {addendum}",
    "Triage note: {age} y/o {sex_short}, c/o {complaint} x {days} days. Vitals: T {temp} HR {hr} BP {bp} SpO2 "
    "{spo2}%. Pain {pain}/10. Acuity {n}.",
    "Pharmacy note: {pharmacy}",
    "Social work note: {social}",
]
PHONE_REASONS = ["question about medication timing", "wound drainage", "constipation since surgery",
                 "request for a fit note", "dizziness when standing", "blood sugar readings above 250",
                 "swelling of the operated leg", "test results"]
PHONE_ADVICE = ["continue current medications.", "increase fluids and take senna at night.", "come to clinic "
                "tomorrow for a wound check.", "go to the emergency department for evaluation.",
                "results are normal; no change in plan.", "hold the evening dose and recheck in the morning."]
ADDENDA = ["Patient seen and examined with the resident; I agree with the findings and plan as documented.",
           "Potassium came back at 3.2; ordered 40 mEq oral KCl.", "Family updated by phone at {time}.",
           "Correction: allergy is to penicillin, not cephalosporins.", "Discussed with radiology; no change."]
PHARMACY = ["Vancomycin trough {n}{n2}.{n}; dose unchanged.", "Renal dose adjustment for enoxaparin recommended.",
            "Warfarin held tonight for INR {inr}.", "Drug interaction between clarithromycin and simvastatin flagged; "
            "simvastatin held."]
SOCIAL = ["Met with patient and daughter regarding discharge plans; home with services preferred.",
          "Insurance approved 14 days at a rehab facility.", "Patient lives alone; meals on wheels arranged."]
COMPLAINTS = ["abdominal pain", "chest pain", "fall", "headache", "back pain", "shortness of breath", "dizziness",
              "laceration to {side} hand", "{side} ankle injury", "fever", "vomiting"]
BULLET_HEADERS = ["Problem list:", "Active issues:", "PMH:", "Assessment:", "To do:"]
BULLET_ITEMS = [
    "{problem}", "f/u {specialty} in {weeks} wk", "check BMP {date}", "{med}",
    "XR {side} {joint} ordered", "PT/OT eval", "d/c planning - {dispo}", "labs stable", "afebrile 48h",
    "pain controlled", "repeat Hgb AM", "wound c/d/i", "no acute issues",
]

HO_EXCISION = Operation(
    "Excision of heterotopic ossification, {side} {joint}",
    "Heterotopic ossification of the {side} {joint}, Brooker {grade}",
    "{He} has mature heterotopic ossification with functional loss of motion {n}{n2} months after the index injury; "
    "alkaline phosphatase is normal and the bone is well corticated on CT.", [
        "The previous incision was used and extended proximally.",
        "The heterotopic bone was exposed and found to extend from the joint capsule into the surrounding muscle.",
        "The neurovascular structures were identified and protected before excision.",
        "The heterotopic bone was excised with osteotomes and a burr until motion was restored.",
        "Range of motion on the table was {deg} degrees of flexion.",
        "Bone wax was applied to the raw bony surfaces and hemostasis obtained.",
    ], ["None"], "")

# --------------------------------------------------------------------------------------------------------------------
# Additions: complementary normal details per findings header, general HPI and hospital-course sentences, and the
# extra parts of clinic, rehabilitation and operative notes
# --------------------------------------------------------------------------------------------------------------------

# Statements that can follow a normal paragraph of that header without contradicting it.
SECTION_DETAILS: dict[str, list[str]] = {
    "LUNGS": ["Pulmonary vascularity is normal.", "No pulmonary edema.", "The costophrenic angles are sharp."],
    "LUNGS AND AIRWAYS": ["The trachea and mainstem bronchi are patent.", "No bronchiectasis.",
                          "No interstitial abnormality.", "No endobronchial lesion."],
    "PLEURA": ["No pleural thickening.", "No pneumothorax."],
    "HEART AND MEDIASTINUM": ["The aortic knob is normal.", "The trachea is midline."],
    "MEDIASTINUM AND HILA": ["The esophagus is unremarkable.", "No hilar mass.", "Thyroid is unremarkable."],
    "HEART AND GREAT VESSELS": ["Main pulmonary artery is normal in caliber.", "No pericardial thickening.",
                                "Conventional three-vessel aortic arch."],
    "UPPER ABDOMEN": ["The adrenal glands are normal.", "No upper abdominal lymphadenopathy."],
    "BONES AND SOFT TISSUES": ["No aggressive lytic or sclerotic lesion.", "The visualized soft tissues are "
                               "unremarkable.", "No subcutaneous emphysema.", "Mild multilevel degenerative change, "
                               "typical for age."],
    "LOWER CHEST": ["Heart size is normal.", "No pericardial effusion."],
    "LIVER": ["The hepatic veins and portal vein are patent.", "No perihepatic fluid.",
              "Liver spans {n}{n2} cm in craniocaudal dimension."],
    "GALLBLADDER AND BILIARY": ["No pericholecystic fluid.", "No calcified gallstones."],
    "PANCREAS": ["Normal pancreatic enhancement.", "No peripancreatic collection."],
    "SPLEEN": ["Homogeneous splenic enhancement.", "No splenic lesion."],
    "KIDNEYS AND URETERS": ["Both ureters are normal in caliber.", "No perinephric stranding.",
                            "Corticomedullary differentiation is preserved."],
    "GASTROINTESTINAL TRACT": ["Oral contrast reaches the colon.", "No pneumoperitoneum.", "No free fluid.",
                               "The colon is normal in caliber."],
    "PELVIS": ["No pelvic lymphadenopathy.", "No pelvic mass."],
    "VESSELS": ["Major mesenteric and renal arteries are patent.", "Mild scattered atherosclerotic calcification."],
    "BRAIN": ["The basal cisterns are patent.", "No abnormal parenchymal enhancement.",
              "The posterior fossa is unremarkable.", "No intracranial mass."],
    "VENTRICLES AND EXTRA-AXIAL SPACES": ["The fourth ventricle is midline.", "No subdural collection."],
    "SKULL AND SOFT TISSUES": ["The skull base is intact.", "No scalp hematoma."],
    "SINUSES AND ORBITS": ["The orbits are unremarkable.", "Mastoid air cells are clear."],
    "ALIGNMENT": ["The craniocervical junction is normal.", "No spondylolysis."],
    "VERTEBRAE": ["No suspicious marrow lesion.", "Posterior elements are intact."],
    "BONES AND JOINTS": ["No periosteal reaction.", "No lytic or blastic lesion.", "Cortical margins are intact.",
                         "No joint effusion is evident.", "Bone density is appropriate for age."],
    "JOINT ALIGNMENT": ["The joint is congruent.", "No widening of the joint space."],
    "FINDINGS": ["Flow is phasic with respiration.", "Color flow fills the lumen completely.",
                 "No soft tissue fluid collection."],
}
# Added to the HPI of discharge summaries and to hospital courses, whatever the reason for admission.
GENERAL_HPI = [
    "At baseline {he} lives {living} and walks with {aid}.",
    "{He} was last admitted {n} months ago for a similar episode.",
    "{His} {relative} reports that {he} has been more tired than usual for about a week.",
    "{He} has been taking {his} medications as prescribed, though {he} sometimes forgets the evening doses.",
    "{He} saw {his} primary care physician {n} days ago, who increased {his} diuretic dose.",
    "History is obtained from the patient and {his} {relative}, who is at the bedside.",
    "{He} has not had any recent travel, sick contacts or new medications.",
    "{He} reports poor oral intake for the past {days} days.",
    "Of note, {he} was recently treated for a urinary tract infection with nitrofurantoin.",
    "{He} had a fall at home last month without injury.",
]
GENERAL_COURSE = [
    "Physical therapy evaluated {him} and recommended {dispo}.",
    "Nutrition was consulted for poor oral intake and recommended oral supplements twice daily.",
    "Delirium precautions were maintained; {he} had brief confusion on night {n}, which resolved without medication.",
    "Code status was discussed with {him} and {his} {relative}; {he} remains full code.",
    "{His} home medications were reconciled with the pharmacist.",
    "Pain was managed with acetaminophen and a short course of oxycodone.",
    "A bowel regimen was given with good effect.",
    "Social work met with {him} and {his} family regarding home support.",
    "{He} was seen by occupational therapy, who recommended a shower chair and a raised toilet seat.",
    "A peripherally inserted central catheter was placed on day {n} and removed before discharge.",
    "Sodium nadired at 13{n} and improved with fluid restriction.",
    "{He} developed mild hypokalemia from diuresis, repleted orally.",
]
RELATIVES_SHORT = ["daughter", "son", "wife", "husband", "sister", "partner", "niece", "neighbour"]
CONSULTS = ["Physical therapy", "Occupational therapy", "Nutrition", "Cardiology", "Orthopaedics", "Geriatrics",
            "Palliative care", "Infectious diseases", "Nephrology", "Social work", "Wound care"]
CLINIC_SOCIAL = ["Non-smoker. Drinks alcohol occasionally.", "Smokes {n} cigarettes a day.",
                 "Lives {living}. Independent with activities of daily living.", "Retired. Enjoys gardening and "
                 "walking the dog.", "Works as a {occupation}; currently off work.", "Drives. Lives {living}."]
PHYSIO_LINES = [
    "Physiotherapy: attending twice weekly; working on gait re-education and {joint} range of motion.",
    "Hydrotherapy has helped with confidence.", "Home exercise program reviewed and progressed.",
    "Static bike for 10 minutes daily, increasing resistance as tolerated.",
    "Physiotherapy notes improving quadriceps control and single-leg stance of {n} seconds.",
    "Occupational therapy provided a long-handled reacher and sock aid.",
    "Continuous passive motion machine was used for the first two weeks at home.",
    "Scar massage and desensitization taught.",
]
OPERATIVE_FINDINGS = [
    "Findings: as expected from pre-operative imaging.", "Findings: poor bone quality; fixation was nonetheless "
    "stable.", "Findings: moderate synovitis and a small effusion, clear fluid.", "Findings: no gross purulence; "
    "tissue sent for culture as a precaution.", "Findings: significant scar tissue from previous surgery.",
]
OPERATIVE_EXTRA_FIELDS = [("ANTIBIOTICS", "Cefazolin 2 g IV before incision"), ("POSITION", "{position}"),
                          ("DVT PROPHYLAXIS", "Mechanical compression devices; enoxaparin from the evening of "
                                              "surgery"), ("CONDITION", "Stable to recovery")]
POSITIONS = ["Supine", "Lateral decubitus", "Beach chair", "Supine on a fracture table", "Prone"]
REHAB_GOALS = ["Independent transfers with a sliding board.", "Ambulate 150 feet with a walker under supervision.",
               "Independent with the bladder program.", "Modified independent in wheelchair mobility.",
               "Carer trained in bowel program and transfers.", "Independent upper body dressing."]
# Extra paragraphs of CT and MRI joint studies (radiographs use only the joint and soft-tissue paragraphs).
MSK_CROSS_SECTIONS = [
    Section("MARROW", ["Marrow signal is normal.", "No marrow edema or replacement."], [
        "Subchondral marrow edema in the weight-bearing {joint} surfaces.",
        "Geographic marrow edema pattern suggesting a bone contusion.",
        "A {mm} mm enchondroma in the metaphysis, without aggressive features.",
    ], 0.3),
    Section("CARTILAGE", ["Articular cartilage is preserved.", "No focal chondral defect."], [
        "Full-thickness cartilage loss over {pct} percent of the weight-bearing surface.",
        "Fissuring and thinning of the cartilage with subchondral cyst formation.",
    ], 0.35),
    Section("TENDONS AND LIGAMENTS", ["The tendons about the {joint} are intact.", "Ligaments are intact.",
                                      "No tendon tear."], [
        "Tendinosis of the tendons crossing the {joint} without a discrete tear.",
        "Partial-thickness tear of a tendon at its insertion.",
        "Thickened, intermediate-signal ligament consistent with a chronic sprain.",
    ], 0.35),
    Section("MUSCLES", ["Muscle bulk and signal are normal.", "No muscle edema or atrophy."], [
        "Fatty atrophy of the muscles about the {joint}, Goutallier grade {n}.",
        "Feathery intramuscular edema consistent with a strain.",
        "Intramuscular hematoma measuring {cm} cm.",
    ], 0.25),
    Section("JOINT AND BURSAE", ["No joint effusion. No bursitis.", "Small physiologic amount of joint fluid."], [
        "Moderate joint effusion with synovial thickening.",
        "Distended bursa with fluid, compatible with bursitis.",
        "Intra-articular loose body measuring {mm} mm.",
    ], 0.3),
]
RADIOLOGY_EXTRA_HEADERS = ["ORDERING PROVIDER: {doctor}", "STATUS: FINAL", "PATIENT LOCATION: {location}",
                           "PRIORITY: {priority}"]
LOCATIONS = ["Emergency Department", "Inpatient Ward 6B", "Outpatient", "ICU", "Orthopaedic Clinic",
             "Rehabilitation Unit"]
PRIORITIES = ["Routine", "Urgent", "STAT"]
LIMITATIONS = ["Study is limited by patient motion.", "Evaluation is limited by streak artifact from hardware.",
               "Limited by body habitus.", "Non-contrast technique limits assessment of the solid organs.",
               "Portable technique and low lung volumes limit evaluation."]
ECG_LINES = ["EKG: sinus rhythm at {hr}, normal axis and intervals, no acute ST-T changes.",
             "ECG: atrial fibrillation with a ventricular rate of {hr}, no ischemic changes.",
             "EKG: sinus tachycardia, nonspecific T wave flattening in the lateral leads.",
             "ECG: sinus rhythm with first-degree AV block, unchanged from prior."]
ECHO_LINES = ["TTE: LVEF {ef}%, moderate global hypokinesis, mild mitral regurgitation, estimated PASP {n}{n2} mmHg.",
              "Echo: normal biventricular size and function, LVEF 60%, no significant valvular disease.",
              "TTE: mild concentric LVH with preserved ejection fraction and grade 2 diastolic dysfunction."]
CLINIC_ROS = ["Denies fevers, chills or night sweats.", "No chest pain or shortness of breath.",
              "No numbness or tingling in the limb.", "No bowel or bladder dysfunction.", "No calf pain.",
              "Sleep is disturbed by pain.", "Appetite and weight are stable."]
# Problems that arise during a stay: (header, sentences in order). Complex admissions collect several.
COMPLICATIONS = [
    ("Delirium", ["On hospital day {n} {he} became acutely confused and agitated overnight.",
                  "Infectious work-up including urinalysis and chest radiograph was unrevealing.",
                  "Deliriogenic medications were minimized and sleep hygiene measures were started.",
                  "{He} received haloperidol 0.5 mg once for safety.", "Mental status returned to baseline by "
                  "discharge per {his} {relative}."]),
    ("Acute kidney injury", ["Creatinine rose from {creat} to a peak of {creat}, felt to be prerenal in the setting "
                             "of poor intake and diuresis.", "Urine sodium was low and renal ultrasound showed no "
                             "hydronephrosis.", "Diuretics and lisinopril were held and {he} received gentle fluids.",
                             "Creatinine improved to {creat} at discharge."]),
    ("Hospital-acquired pneumonia", ["{He} developed a new fever and productive cough on day {n}.",
                                     "Chest radiograph showed a new {side} basilar opacity.",
                                     "{He} was treated with cefepime and then oral levofloxacin for a 7-day course.",
                                     "Oxygen requirement resolved within 48 hours."]),
    ("Atrial fibrillation with rapid ventricular response", [
        "{He} had paroxysms of AF with rates to the 140s on telemetry, likely provoked by the acute illness.",
        "Metoprolol was uptitrated with good rate control.", "CHA2DS2-VASc score is {n}; after discussion of risks "
        "and benefits {he} was started on apixaban.", "TSH was within normal limits."]),
    ("Urinary retention", ["Bladder scans showed retained volumes over 600 mL after Foley removal.",
                           "A Foley catheter was replaced and tamsulosin was started.",
                           "A voiding trial on day {n} was successful."]),
    ("Hypokalemia and hypomagnesemia", ["Potassium nadired at 3.{n2} and magnesium at 1.{n2} during diuresis.",
                                        "Both were repleted and {he} was discharged on a potassium supplement."]),
    ("Steroid-induced hyperglycemia", ["Glucose ran in the 200s on prednisone.", "An insulin sliding scale was "
                                       "used and glucose normalized after steroids were completed."]),
    ("Constipation", ["{He} had no bowel movement for {n} days while on opioids.", "The bowel regimen was escalated "
                      "to senna, polyethylene glycol and a bisacodyl suppository with good effect."]),
    ("Pressure injury", ["Wound care nursing identified a stage 2 pressure injury over the sacrum.",
                         "{He} was placed on a pressure-redistributing mattress with turning every two hours.",
                         "Dressing instructions are included in the discharge paperwork."]),
    ("Fall in hospital", ["{He} was found on the floor beside the bed on night {n} after trying to walk to the "
                          "bathroom.", "There was no head strike and CT head was not indicated per the team.",
                          "Falls precautions including a bed alarm were instituted."]),
    ("Clostridioides difficile colitis", ["{He} developed more than three loose stools daily on antibiotics.",
                                          "Stool C. difficile toxin was positive.",
                                          "Oral vancomycin was started for a 10-day course.",
                                          "Diarrhea improved before discharge."]),
    ("Anemia", ["Hemoglobin drifted from {hgb} to {hgb} without evidence of bleeding.", "Iron studies were "
                "consistent with iron deficiency and {he} received IV iron.", "Outpatient colonoscopy is advised."]),
]
