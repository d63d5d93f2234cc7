export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  
  "api": {
          Tables: {
            [_ in never]: never
          }
          Views: {
            [_ in never]: never
          }
          Functions: {
            "add_internal_note":
{ Args: { "body": string,"mentions"?: (string)[],"reference": string,"reply_to"?: number }; Returns: Json
                           },
"ask_bearer":
{ Args: { "expected_state": string,"idea_id": string,"question": string }; Returns: Json
                           },
"ask_bearer_about":
{ Args: { "expected_state": string,"question": string,"reference": string }; Returns: Json
                           },
"assign_reviewer":
{ Args: { "due_on": string,"reference": string,"reviewer_id": string }; Returns: Json
                           },
"change_idea_state":
{ Args: { "duplicate_of"?: string,"expected_state": string,"follow_up_on"?: string,"forwarded_to"?: string,"idea_id": string,"message_to_bearer"?: string,"municipalities"?: (string)[],"reason": string,"to_state": string }; Returns: Json
                           },
"change_retention_rule":
{ Args: { "active": boolean,"after": string,"category": string,"keep_for": string,"legal_basis": string }; Returns: Json
                           },
"claim_build_requests":
{ Args: { "debounce_seconds"?: number,"lease_seconds"?: number }; Returns: Json
                           },
"claim_outbox_emails":
{ Args: { "batch_size"?: number,"lease_seconds"?: number }; Returns: {
              "attempts": number,"id": number,"payload": Json,"recipient": string,"template": string
            }[]
                           },
"claim_sign_in_attempt":
{ Args: { "client_address"?: string,"email": string }; Returns: undefined
                           },
"complete_build_requests":
{ Args: { "claim_id": string,"succeeded": boolean }; Returns: number
                           },
"declare_conflict_of_interest":
{ Args: { "has_conflict": boolean,"reason"?: string,"reference": string }; Returns: Json
                           },
"find_personal_data":
{ Args: { "email": string,"purpose"?: string }; Returns: Json
                           },
"find_similar_ideas":
{ Args: { "max_results"?: number,"reference": string }; Returns: Json
                           },
"find_similar_published_ideas":
{ Args: { "search_text"?: string,"search_title"?: string }; Returns: {
              "rank": number,"reference": string,"title": string
            }[]
                           },
"get_idea_status":
{ Args: { "token": string }; Returns: Json
                           },
"get_public_statistics":
{ Args: Record<PropertyKey, never>; Returns: Json
                           },
"get_review_idea":
{ Args: { "reference": string }; Returns: Json
                           },
"get_review_overview":
{ Args: Record<PropertyKey, never>; Returns: Json
                           },
"invite_reviewer":
{ Args: { "display_name": string,"email": string,"invitation_token": string,"municipality_code": string,"role": string }; Returns: Json
                           },
"list_assessment_history":
{ Args: { "reference": string }; Returns: Json
                           },
"list_audit_events":
{ Args: { "action"?: string,"before_id"?: number,"idea_reference"?: string,"page_size"?: number }; Returns: Json
                           },
"list_criteria":
{ Args: Record<PropertyKey, never>; Returns: Json
                           },
"list_criteria_versions":
{ Args: Record<PropertyKey, never>; Returns: Json
                           },
"list_dead_emails":
{ Args: Record<PropertyKey, never>; Returns: Json
                           },
"list_follow_ups":
{ Args: { "within_days"?: number }; Returns: Json
                           },
"list_form_options":
{ Args: Record<PropertyKey, never>; Returns: Json
                           },
"list_idea_export_page":
{ Args: { "after"?: string,"filters"?: Json,"include_contact"?: boolean,"page_size"?: number,"sort"?: string }; Returns: {
              "area": string,"assessments_done": number,"assessments_expected": number,"bearer_email": string,"bearer_name": string,"bearer_phone": string,"co_bearers": string,"decided_at": string,"decision": string,"decision_released": boolean,"mean": number,"municipality": string,"municipality_code": string,"position": string,"received_at": string,"reference": string,"shared_regionally": boolean,"state": string,"state_changed_at": string,"state_label": string,"title": string
            }[]
                           },
"list_idea_reviewers":
{ Args: { "reference": string }; Returns: Json
                           },
"list_places":
{ Args: Record<PropertyKey, never>; Returns: Json
                           },
"list_published_ideas":
{ Args: { "after_published_at"?: string,"after_reference"?: string,"page_size"?: number }; Returns: {
              "area_id": string,"area_name": string,"implemented_in": Json,"joined_by": Json,"municipality_code": string,"municipality_name": string,"published_at": string,"reference": string,"state": string,"state_label": string,"summary": string,"title": string
            }[]
                           },
"list_retention_rules":
{ Args: Record<PropertyKey, never>; Returns: Json
                           },
"list_review_queue":
{ Args: { "cursor"?: string,"filters"?: Json,"page_size"?: number,"sort"?: string }; Returns: Json
                           },
"list_reviewers":
{ Args: Record<PropertyKey, never>; Returns: Json
                           },
"mark_outbox_email_failed":
{ Args: { "email_id": number,"error": string,"permanent"?: boolean }; Returns: string
                           },
"mark_outbox_email_sent":
{ Args: { "email_id": number }; Returns: boolean
                           },
"move_idea":
{ Args: { "duplicate_of"?: string,"expected_state": string,"follow_up_on"?: string,"forwarded_to"?: string,"message_to_bearer"?: string,"municipalities"?: (string)[],"reason"?: string,"reference": string,"to_state": string }; Returns: Json
                           },
"preview_gallring":
{ Args: Record<PropertyKey, never>; Returns: Json
                           },
"publish_idea":
{ Args: { "idea_id": string,"public_summary": string }; Returns: Json
                           },
"publish_to_idea_bank":
{ Args: { "public_summary": string,"reference": string }; Returns: Json
                           },
"queue_weekly_digest":
{ Args: { "now_at"?: string }; Returns: Json
                           },
"record_personal_data_decision":
{ Args: { "decision": string,"email": string,"reason": string }; Returns: Json
                           },
"record_sign_in_success":
{ Args: { "client_address"?: string,"email": string }; Returns: undefined
                           },
"register_interest":
{ Args: { "kind": string,"municipality_code"?: string,"reference": string }; Returns: Json
                           },
"release_decision":
{ Args: { "idea_id": string }; Returns: Json
                           },
"release_idea_decision":
{ Args: { "reference": string }; Returns: Json
                           },
"reply_as_bearer":
{ Args: { "body": string,"token": string }; Returns: Json
                           },
"retry_dead_email":
{ Args: { "email_id": number }; Returns: Json
                           },
"revise_criterion":
{ Args: { "description": string,"levels": (string)[],"name": string,"slug": string,"weight": number }; Returns: Json
                           },
"run_gallring":
{ Args: { "dry_run"?: boolean,"now_at"?: string }; Returns: Json
                           },
"save_area":
{ Args: { "active": boolean,"id": string,"name": string,"sort_order": number }; Returns: Json
                           },
"save_assessment":
{ Args: { "comment"?: string,"recommendation": string,"reference": string,"scores": Json }; Returns: Json
                           },
"save_municipality":
{ Args: { "active": boolean,"code": string,"email_domains": (string)[],"name": string }; Returns: Json
                           },
"set_regional_sharing":
{ Args: { "reference": string,"shared": boolean }; Returns: Json
                           },
"start_idea_export":
{ Args: { "filters"?: Json,"format"?: string,"include_contact"?: boolean,"sort"?: string }; Returns: Json
                           },
"submit_idea":
{ Args: { "idempotency_key": string,"submission": Json }; Returns: Json
                           },
"touch_reviewer_session":
{ Args: { "idle_minutes": number,"lifetime_hours": number }; Returns: Json
                           },
"unassign_reviewer":
{ Args: { "reference": string,"reviewer_id": string }; Returns: Json
                           },
"unlink_duplicate":
{ Args: { "expected_state": string,"message_to_bearer"?: string,"reason": string,"reference": string }; Returns: Json
                           },
"unpublish_from_idea_bank":
{ Args: { "reference": string }; Returns: Json
                           },
"update_reviewer":
{ Args: { "active": boolean,"municipality_code": string,"role": string,"user_id": string }; Returns: Json
                           },
"whoami":
{ Args: Record<PropertyKey, never>; Returns: Record<string, unknown>
                           },
"withdraw_interest":
{ Args: { "kind": string,"municipality_code"?: string,"reference": string }; Returns: Json
                           }
          }
          Enums: {
            [_ in never]: never
          }
          CompositeTypes: {
            [_ in never]: never
          }
        }
}

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "api">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
  ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
      Row: infer R
    }
    ? R
    : never
  : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
  ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Insert: infer I
    }
    ? I
    : never
  : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
  ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Update: infer U
    }
    ? U
    : never
  : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
  ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
  : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
  ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
  : never

export const Constants = {
  "api": {
          Enums: {
            
          }
        }
} as const
