"""What town roles may do with uploaded packages of any kind."""

# Authors and HR admins read and choose their town's packages and the shared
# ones; packages come in through their import pages, and only platform admins
# edit, share or delete them in the back office.
PACKAGE_GRANTS = {"is_author": {"view", "choose"}, "is_hr_admin": {"view", "choose"}}
