/** Claims staff: they review, approve, deny and pay claims, and read every policy. */
export const INSURANCE_ADJUSTER_ROLE = 'insurance_adjuster';
/** Wellness staff: they read every pet's wellness plans. */
export const WELLNESS_STAFF_ROLE = 'wellness_staff';
/** Telemedicine vets: they run consultations (start, complete, mark no-shows) and read every subscription. */
export const TELEMEDICINE_VET_ROLE = 'telemedicine_vet';
