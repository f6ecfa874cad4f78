/** Where a lead stands: its scores, grade and stage, as the projection stores them and the ops API shows them. */
export interface LeadStanding {
  leadId: string;
  score: number;
  fitScore: number;
  engagementScore: number;
  grade: string;
  stage: string;
}
