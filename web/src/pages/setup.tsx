// First start: create the owner and the first account (the server allows this once, locally).
import { CredentialsForm } from "../components/credentials-form.tsx";

export function SetupPage() {
  return (
    <CredentialsForm
      title="Welcome to Crosswalk"
      intro="This installation has no users yet. Create the owner and the first account; you will be signed in as the owner."
      path="/setup"
      passwordAutoComplete="new-password"
      extraFields={[
        { name: "accountName", label: "Account name", description: "Your business, e.g. the shop's name" },
      ]}
      submitLabel="Create the owner"
    />
  );
}
