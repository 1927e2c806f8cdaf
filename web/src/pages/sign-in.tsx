// Sign in with email and password; the server sets the session cookie.
import { CredentialsForm } from "../components/credentials-form.tsx";

export function SignInPage() {
  return (
    <CredentialsForm
      title="Sign in to Crosswalk"
      path="/auth/login"
      passwordAutoComplete="current-password"
      submitLabel="Sign in"
    />
  );
}
