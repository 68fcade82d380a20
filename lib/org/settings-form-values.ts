import type { FormErrors } from "@/components/ui/form-errors";
import type { CallbackMode, DataCenter } from "@/lib/org/callback-url";

export type OrgSettingsFormValues = {
  orgName: string;
  callbackMode: CallbackMode;
  dataCenter: DataCenter;
  customBaseUrl: string;
};

export type OrgSettingsFormState = {
  values: OrgSettingsFormValues;
  errors: FormErrors;
  attempt: number;
  saved: boolean;
};

export function settingsFormValues(settings: {
  orgName: string;
  callbackMode: CallbackMode;
  dataCenter: DataCenter;
  customBaseUrl: string | null;
}): OrgSettingsFormValues {
  return {
    orgName: settings.orgName,
    callbackMode: settings.callbackMode,
    dataCenter: settings.dataCenter,
    customBaseUrl: settings.customBaseUrl ?? "",
  };
}
