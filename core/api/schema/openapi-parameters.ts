/**
 * The query and path parameters of the served OpenAPI operations, with upstream's descriptions
 * (apimachinery meta/v1 ListOptions, CreateOptions, PatchOptions, DeleteOptions).
 */

type Parameter = Record<string, unknown>;

function query(name: string, type: string, description: string): Parameter {
  return { description, in: 'query', name, schema: { type, uniqueItems: true } };
}

function path(name: string, description: string): Parameter {
  return { description, in: 'path', name, required: true, schema: { type: 'string', uniqueItems: true } };
}

const DRY_RUN = query(
  'dryRun',
  'string',
  'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed',
);
const FIELD_MANAGER = query(
  'fieldManager',
  'string',
  'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.',
);
const FIELD_VALIDATION = query(
  'fieldValidation',
  'string',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.',
);
const FORCE = query(
  'force',
  'boolean',
  'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.',
);
const PRETTY = query(
  'pretty',
  'string',
  "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).",
);

const LIST: Parameter[] = [
  query(
    'allowWatchBookmarks',
    'boolean',
    'allowWatchBookmarks requests watch events with type "BOOKMARK". Servers that do not implement bookmarks may ignore this flag and bookmarks are sent at the server\'s discretion.',
  ),
  query('continue', 'string', 'The continue option should be set when retrieving more results from the server.'),
  query(
    'fieldSelector',
    'string',
    'A selector to restrict the list of returned objects by their fields. Defaults to everything.',
  ),
  query(
    'labelSelector',
    'string',
    'A selector to restrict the list of returned objects by their labels. Defaults to everything.',
  ),
  query('limit', 'integer', 'limit is a maximum number of responses to return for a list call.'),
  query(
    'resourceVersion',
    'string',
    'resourceVersion sets a constraint on what resource versions a request may be served from.',
  ),
  query(
    'resourceVersionMatch',
    'string',
    'resourceVersionMatch determines how resourceVersion is applied to list calls.',
  ),
  query('sendInitialEvents', 'boolean', '`sendInitialEvents=true` may be set together with `watch=true`.'),
  query(
    'timeoutSeconds',
    'integer',
    'Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity.',
  ),
  query(
    'watch',
    'boolean',
    'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications. Specify resourceVersion.',
  ),
];

const DELETE: Parameter[] = [
  DRY_RUN,
  query(
    'gracePeriodSeconds',
    'integer',
    'The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately.',
  ),
  query(
    'propagationPolicy',
    'string',
    "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground.",
  ),
];

/** Path-level parameters: `name` for items, `namespace` for namespaced resources, and `pretty`. */
export function pathParameters(namespaced: boolean, item: boolean): Parameter[] {
  const out: Parameter[] = [];
  if (item) out.push(path('name', 'name of the resource'));
  if (namespaced) out.push(path('namespace', 'object name and auth scope, such as for teams and projects'));
  out.push(PRETTY);
  return out;
}

/** POST and PUT. */
export const writeParameters = (): Parameter[] => [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION];
/** PATCH: kubectl looks for `fieldValidation` here to decide that the server validates. */
export const patchParameters = (): Parameter[] => [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE];
export const listParameters = (): Parameter[] => LIST;
export const deleteParameters = (): Parameter[] => DELETE;
