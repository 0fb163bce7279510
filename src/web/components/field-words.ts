/**
 * The schema's field names in the user's words, in one place: a server refusal names "volumeMl", the page
 * says "Volume (mL)". A name not listed is shown as the server gave it (better a code than a wrong word).
 */
const WORDS: Record<string, string> = {
  fin: "Facility (FIN)",
  din: "DIN",
  donorId: "Donor",
  motherId: "Mother",
  consentRef: "Consent reference",
  site: "Collection site",
  volumeMl: "Volume (mL)",
  productCode: "Product code",
  aboRhD: "ABO/RhD",
  collectedAt: "Collected at",
  expiresAt: "Expires at",
  storageTemperature: "Storage",
  source: "Source",
  test: "Test",
  stage: "Stage",
  value: "Value",
  result: "Result",
  testedAt: "Tested at",
  step: "Step",
  performedAt: "Performed at",
  volumeAfterMl: "Volume after (mL)",
  volumeBeforeMl: "Volume before (mL)",
  location: "Position or place",
  to: "New position",
  confirmReason: "Why the value is right",
  rows: "Rows",
  columns: "Columns",
  layout: "Positions",
  patientId: "Patient",
  reason: "Reason",
  password: "Password",
  code: "Authenticator code",
  username: "User name",
  printedName: "Printed name",
  roles: "Roles",
  mrn: "MRN",
  givenName: "Given name",
  familyName: "Family name",
  birth: "Birth",
  sex: "Sex",
  gestationalWeeks: "GA weeks",
  gestationalDays: "GA days",
  birthWeightGrams: "Birth weight (g)",
  motherMrn: "Mother's MRN",
  icd10: "ICD-10",
  indication: "Indication",
  diagnosis: "Diagnosis",
  hla: "HLA",
  cordBloodCollectedMl: "Cord blood collected (mL)",
  respiratorySupport: "Respiratory support",
  grams: "Weight (g)",
  measuredAt: "Measured at",
  protocol: "Protocol",
  day0: "Day 0",
  doseNumber: "Dose",
  targetPerKg: "Cells/kg",
  exceptionReason: "Reason for a dose outside the protocol",
  replaces: "Replaced order",
  replaceReason: "Why it is replaced",
  number: "Dose",
  wristband: "Wristband",
  orderId: "Order",
  startedAt: "Started",
  endedAt: "Ended",
  heartRate: "Heart rate",
  respiratoryRate: "Respiratory rate",
  spo2: "SpO2 %",
  temperatureC: "Temperature (°C)",
  reactions: "Reactions",
  scope: "Scope",
  document: "Consent document",
  documentVersion: "Version",
  signedBy: "Signed by",
  relationship: "Relationship",
  signedAt: "Signed",
  reportedAt: "Submitted",
  reference: "Reference",
  term: "CTCAE term",
  grade: "Grade",
  otherSpecify: "Specify",
  deathDate: "Date of death",
  serious: "Serious",
  attribution: "Attribution",
  expected: "Expected",
  onsetAt: "Onset",
  description: "Description",
  visit: "Visit",
  form: "Form",
  observedAt: "Observed",
  weightGrams: "Weight (g)",
  patientTyping: "Patient HLA",
  antibodies: "Antibodies",
  glString: "Patient HLA",
  oldPassword: "One-time password",
  newPassword: "New password",
  volumesMl: "Volumes (mL)",
  destination: "Destination",
  courier: "Courier",
  shipperId: "Dry shipper serial number",
  csv: "Temperature log file",
  header: "Temperature log's first line",
  condition: "Condition on arrival",
  excursionReason: "Why it is accepted (excursion or no log)",
};

/** "vitalsBefore.heartRate" → "Heart rate before"; "volumeMl" → "Volume (mL)"; else the name as given. */
export function fieldWords(field: string): string {
  const direct = WORDS[field];
  if (direct) return direct;
  const parts = field.split(".");
  const last = parts[parts.length - 1] ?? field;
  const word = WORDS[last.replace(/\[\d+\]$/, "")];
  if (!word) return field;
  if (parts.includes("vitalsBefore")) return `${word} before`;
  if (parts.includes("vitalsAfter")) return `${word} after`;
  return word;
}

/** The server's message with its field named in the user's words ("volumeMl "x" …" → "Volume (mL) "x" …"). */
export function inUserWords(message: string, field: string | undefined): string {
  if (!field || !message.startsWith(field)) return message;
  return fieldWords(field) + message.slice(field.length);
}
