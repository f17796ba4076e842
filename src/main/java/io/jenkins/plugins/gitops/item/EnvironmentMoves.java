package io.jenkins.plugins.gitops.item;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.listeners.ItemListener;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Remembers an environment's former full name when it is renamed or moved (also when a folder around it is):
 * its identity, which marks every object it applied, comes from that name, and the engine takes objects with a
 * former identity over at the next sync rather than refusing them as another environment's.
 */
@Extension
public final class EnvironmentMoves extends ItemListener {

    private static final Logger LOGGER = Logger.getLogger(EnvironmentMoves.class.getName());

    @Override
    public void onLocationChanged(Item item, String oldFullName, String newFullName) {
        if (!(item instanceof GitOpsEnvironment environment) || oldFullName.equals(newFullName)) {
            return;
        }
        environment.rememberFormerName(oldFullName);
        try {
            environment.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save the former name " + oldFullName + " of " + newFullName
                    + "; its next sync refuses the objects applied under that name until Git hands them over", e);
        }
    }
}
