import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useOpMutation } from '../../api/hooks';
import { isAppError } from '../../../../shared/errors';

/**
 * Switching profiles rebuilds every service behind the API, so every cached answer belongs to the
 * old profile: all queries are refetched, not only the profile ones.
 */
export function useActivateProfile() {
  const queryClient = useQueryClient();
  return useOpMutation('profiles.activate', {
    onSuccess: (profile) => {
      void queryClient.invalidateQueries();
      notifications.show({ color: 'teal', title: 'Profile switched', message: `The console now works with ${profile.name}.` });
    },
    onError: (error) => {
      notifications.show({ color: 'red', title: 'Could not switch profile', message: isAppError(error) ? error.message : 'The profile could not be activated.' });
    },
  });
}

export function useRefreshProfiles() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['profiles.list'] });
    void queryClient.invalidateQueries({ queryKey: ['profiles.active'] });
  };
}
