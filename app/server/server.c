/* server.c: madoguchi-server, the follow-up page over HTTP (libsoup 3), for the visitor's phone. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <libsoup/soup.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "mdg-error.h"
#include "mdg-followup-page.h"
#include "mdg-followup-pg.h"
#include "mdg-followup-sqlite.h"
#include "mdg-i18n.h"
#include "mdg-pg.h"

#define FAILED_LOOKUPS_PER_MINUTE 30
#define MAX_TRACKED_CLIENTS 100000
#define TOKEN_MAX_LENGTH 64
#define MAX_CACHED_PAGES 10000

typedef struct
{
  MdgFollowupSource *source;
  MdgFollowupPage *page;
  GHashTable *failures; /* client address → GQueue of monotonic times of its failed lookups */
  GBytes *css;
  /* Pages already drawn, "lang\x1fnumber" → CachedPage, while the source's version stays the
   * same; emptied every minute too (a page turns to "closed" with time) and when a setting
   * changes. A cached page is still only served to the right token. */
  GHashTable *cache;
  gint64 cache_version;
} Server;

typedef struct
{
  MdgFollowupRecord *record;
  char *html;
} CachedPage;

static void
cached_page_free (CachedPage *cached)
{
  mdg_followup_record_free (cached->record);
  g_free (cached->html);
  g_free (cached);
}

static void
clear_cache (Server *server)
{
  g_hash_table_remove_all (server->cache);
}

/* The cached page for number in lang, or NULL; forgets every page when the source changed. */
static CachedPage *
cached_page (Server     *server,
             const char *number,
             const char *lang,
             char      **key)
{
  gint64 version = mdg_followup_source_get_version (server->source);

  if (version < 0 || version != server->cache_version)
    clear_cache (server);
  server->cache_version = version;
  if (version < 0)
    return NULL;
  *key = g_strconcat (lang, "\x1f", number, NULL);
  return g_hash_table_lookup (server->cache, *key);
}

static void
keep_page (Server             *server,
           char               *key,
           MdgFollowupRecord  *record,
           const char         *html)
{
  CachedPage *cached = g_new0 (CachedPage, 1);

  if (g_hash_table_size (server->cache) >= MAX_CACHED_PAGES)
    clear_cache (server);
  cached->record = record;
  cached->html = g_strdup (html);
  g_hash_table_replace (server->cache, key, cached);
}

static const char csp[] = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; "
                          "form-action 'none'; frame-ancestors 'none'";

static void
set_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Content-Security-Policy", csp);
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *content_type,
         const char        *body,
         gsize              length)
{
  set_headers (msg);
  soup_server_message_set_status (msg, status, status == 429 ? "Too Many Requests" : NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, body, length);
}

static void
respond_page (SoupServerMessage *msg,
              guint              status,
              const char        *html)
{
  respond (msg, status, "text/html; charset=utf-8", html, strlen (html));
}

static gboolean
method_allowed (SoupServerMessage *msg)
{
  const char *method = soup_server_message_get_method (msg);

  if (method == SOUP_METHOD_GET || method == SOUP_METHOD_HEAD)
    return TRUE;
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                "GET, HEAD");
  respond (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", "", 0);
  return FALSE;
}

/* The visitor's address. Behind the city's proxy on this machine every request comes from
 * loopback, so there the address the proxy appended to X-Forwarded-For counts. */
static char *
client_address (SoupServerMessage *msg)
{
  const char *peer = soup_server_message_get_remote_host (msg);
  const char *forwarded = soup_message_headers_get_list (
    soup_server_message_get_request_headers (msg), "X-Forwarded-For");
  GSocketAddress *address = soup_server_message_get_remote_address (msg);

  if (forwarded != NULL && G_IS_INET_SOCKET_ADDRESS (address)
      && g_inet_address_get_is_loopback (
        g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address))))
    {
      const char *last = strrchr (forwarded, ',');

      return g_strstrip (g_strdup (last != NULL ? last + 1 : forwarded));
    }
  return g_strdup (peer != NULL ? peer : "");
}

/* Drops the failures older than a minute; TRUE when the client may still try. */
static gboolean
client_may_try (Server     *server,
                const char *client,
                gint64      now)
{
  GQueue *times = g_hash_table_lookup (server->failures, client);

  if (times == NULL)
    return TRUE;
  while (!g_queue_is_empty (times)
         && now - (gint64) GPOINTER_TO_SIZE (g_queue_peek_head (times)) > 60 * G_USEC_PER_SEC)
    g_queue_pop_head (times);
  return g_queue_get_length (times) < FAILED_LOOKUPS_PER_MINUTE;
}

static void
count_failure (Server     *server,
               const char *client,
               gint64      now)
{
  GQueue *times = g_hash_table_lookup (server->failures, client);

  if (times == NULL)
    {
      /* A flood of addresses must not grow the table without end: start afresh. */
      if (g_hash_table_size (server->failures) >= MAX_TRACKED_CLIENTS)
        g_hash_table_remove_all (server->failures);
      times = g_queue_new ();
      g_hash_table_insert (server->failures, g_strdup (client), times);
    }
  g_queue_push_tail (times, GSIZE_TO_POINTER ((gsize) now));
}

/* Forgets the clients whose last failure is over a minute old. */
static gboolean
prune_cb (gpointer data)
{
  Server *server = data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer key, value;

  clear_cache (server);
  g_hash_table_iter_init (&iter, server->failures);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GQueue *times = value;

      if (g_queue_is_empty (times)
          || now - (gint64) GPOINTER_TO_SIZE (g_queue_peek_tail (times)) > 60 * G_USEC_PER_SEC)
        g_hash_table_iter_remove (&iter);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
valid_number (const char *number)
{
  gsize length = number != NULL ? strlen (number) : 0;

  if (length < 10 || length > 16 || number[6] != '-')
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (i != 6 && !g_ascii_isdigit (number[i]))
      return FALSE;
  return TRUE;
}

/* Compares in constant time, also when the number is unknown, so that timing tells nothing. */
static gboolean
token_matches (const MdgFollowupRecord *record,
               const char              *token)
{
  char expected[TOKEN_MAX_LENGTH] = { 0 };
  char given[TOKEN_MAX_LENGTH] = { 0 };
  gsize length = strlen (token);
  gboolean same;

  if (record != NULL && record->token != NULL)
    g_strlcpy (expected, record->token, sizeof expected);
  memcpy (given, token, MIN (length, sizeof given - 1));
  same = sodium_memcmp (expected, given, sizeof expected) == 0;
  sodium_memzero (expected, sizeof expected);
  sodium_memzero (given, sizeof given);
  return same && record != NULL && length == strlen (record->token) && length > 0;
}

static void
followup_cb (SoupServer        *soup,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           data)
{
  Server *server = data;
  g_autofree char *client = client_address (msg);
  g_autoptr (MdgFollowupRecord) record = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *key = NULL;
  CachedPage *cached;
  gint64 now = g_get_monotonic_time ();
  const char *number = query != NULL ? g_hash_table_lookup (query, "n") : NULL;
  const char *token = query != NULL ? g_hash_table_lookup (query, "t") : NULL;
  const char *lang = query != NULL ? g_hash_table_lookup (query, "lang") : NULL;

  if (!method_allowed (msg))
    return;
  if (!client_may_try (server, client, now))
    {
      respond_page (msg, 429, mdg_followup_page_too_many ());
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After",
                                    "60");
      return;
    }
  if (lang == NULL || *lang == '\0')
    lang = "ja";
  if (g_str_equal (path, "/followup") && valid_number (number) && token != NULL
      && strlen (token) < TOKEN_MAX_LENGTH && mdg_followup_page_language_is_valid (lang))
    {
      cached = cached_page (server, number, lang, &key);
      if (cached != NULL)
        {
          if (token_matches (cached->record, token))
            {
              respond_page (msg, SOUP_STATUS_OK, cached->html);
              return;
            }
          count_failure (server, client, now);
          respond_page (msg, SOUP_STATUS_NOT_FOUND, mdg_followup_page_not_found ());
          return;
        }
      record = mdg_followup_source_lookup (server->source, number, &error);
      if (error != NULL)
        {
          g_printerr ("madoguchi-server: %s\n", error->message);
          respond (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "text/plain; charset=utf-8",
                   "Service unavailable\n", strlen ("Service unavailable\n"));
          return;
        }
      if (token_matches (record, token))
        {
          html = mdg_followup_page_render (server->page, record, lang,
                                           g_get_real_time () / G_USEC_PER_SEC);
          respond_page (msg, SOUP_STATUS_OK, html);
          if (key != NULL)
            keep_page (server, g_steal_pointer (&key), g_steal_pointer (&record), html);
          return;
        }
    }
  count_failure (server, client, now);
  respond_page (msg, SOUP_STATUS_NOT_FOUND, mdg_followup_page_not_found ());
}

static void
healthz_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  if (!method_allowed (msg))
    return;
  if (!g_str_equal (path, "/healthz"))
    {
      respond_page (msg, SOUP_STATUS_NOT_FOUND, mdg_followup_page_not_found ());
      return;
    }
  respond (msg, SOUP_STATUS_OK, "text/plain; charset=utf-8", "ok\n", 3);
}

static void
css_cb (SoupServer        *soup,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           data)
{
  Server *server = data;
  gsize length = 0;
  const char *css = g_bytes_get_data (server->css, &length);

  if (!method_allowed (msg))
    return;
  if (!g_str_equal (path, "/static/followup.css"))
    {
      respond_page (msg, SOUP_STATUS_NOT_FOUND, mdg_followup_page_not_found ());
      return;
    }
  respond (msg, SOUP_STATUS_OK, "text/css; charset=utf-8", css, length);
}

static void
other_cb (SoupServer        *soup,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           data)
{
  respond_page (msg, SOUP_STATUS_NOT_FOUND, mdg_followup_page_not_found ());
}

/* One line per request. Only the server's own paths are named: a query string, or anything
 * a client put in an unknown path, could hold a token. */
static void
request_finished_cb (SoupServer        *soup,
                     SoupServerMessage *msg,
                     gpointer           data)
{
  const char *path = g_uri_get_path (soup_server_message_get_uri (msg));
  const char *known[] = { "/followup", "/healthz", "/static/followup.css" };
  const char *shown = "(other)";
  g_autofree char *client = client_address (msg);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (path, known[i]) == 0)
      shown = known[i];
  g_print ("%s \"%s %s\" %u\n", client, soup_server_message_get_method (msg), shown,
           soup_server_message_get_status (msg));
}

static GSocketAddress *
parse_listen (const char *listen,
              GError    **error)
{
  const char *colon = listen != NULL ? strrchr (listen, ':') : NULL;
  g_autofree char *host = NULL;
  g_autoptr (GInetAddress) address = NULL;
  guint64 port = 0;

  if (colon != NULL)
    {
      host = g_strndup (listen, colon - listen);
      if (host[0] == '[' && g_str_has_suffix (host, "]"))
        {
          memmove (host, host + 1, strlen (host));
          host[strlen (host) - 1] = '\0';
        }
      address = g_inet_address_new_from_string (host);
    }
  if (address == NULL
      || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                   "--listen needs ADDRESS:PORT with a numeric address, e.g. 127.0.0.1:8080, not “%s”",
                   listen != NULL ? listen : "");
      return NULL;
    }
  return g_inet_socket_address_new (address, port);
}

static GSettings *
kiosk_settings (GError **error)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    {
      g_set_error (error, MDG_ERROR, MDG_ERROR_NOT_FOUND, "the settings schema %s is not installed",
                   APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static MdgFlow *
kiosk_flow (GSettings *settings,
            GError   **error)
{
  g_autofree char *flow_file = g_settings_get_string (settings, "flow-file");
  g_autoptr (GFile) file = NULL;

  if (*flow_file == '\0')
    return mdg_flow_new_default (error);
  file = g_file_new_for_commandline_arg (flow_file);
  return mdg_flow_new_from_file (file, error);
}

/* The kiosk's SQLite file, or the city's central database. There a number is only unique within
 * its center and the QR code's URL holds no center, so this server answers for one center:
 * the one whose name, address and hours its settings describe (--center, by default the
 * setting center-id that the center's madoguchi-sync uses). Looking rows up by token across
 * centers instead would make the secret itself the search key. */
static MdgFollowupSource *
open_source (const char *db,
             const char *pg,
             const char *pg_file,
             const char *center,
             GSettings  *settings,
             GError    **error)
{
  g_autofree char *conninfo = NULL;
  g_autofree char *center_id = NULL;

  if (db != NULL && (pg != NULL || pg_file != NULL))
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "give either --db (the kiosk's file) or --pg/--pg-file (the central"
                           " database), not both");
      return NULL;
    }
  if (db != NULL)
    return mdg_followup_sqlite_open (db, error);
  conninfo = mdg_pg_resolve_conninfo (pg, pg_file, error);
  if (conninfo == NULL)
    return NULL;
  center_id = center != NULL ? g_strdup (center) : g_settings_get_string (settings, "center-id");
  if (*center_id == '\0')
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "with the central database, say which center's pages to serve:"
                           " --center ID, or set the setting center-id");
      return NULL;
    }
  return mdg_followup_pg_open (conninfo, center_id, error);
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static gboolean
run (int argc, char **argv, GError **error)
{
  g_autofree char *db = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *pg = NULL;
  g_autofree char *pg_file = NULL;
  g_autofree char *center = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The kiosk's inquiry database, read only", "PATH" },
    { "pg", 0, 0, G_OPTION_ARG_STRING, &pg,
      "The central PostgreSQL database instead (no password here)", "CONNINFO" },
    { "pg-file", 0, 0, G_OPTION_ARG_FILENAME, &pg_file,
      "A file (mode 0600) holding the central connection string", "FILE" },
    { "center", 0, 0, G_OPTION_ARG_STRING, &center,
      "With --pg: the center whose pages to serve (default: the setting center-id)", "ID" },
    { "listen", 0, 0, G_OPTION_ARG_STRING, &listen, "Where to listen, e.g. 127.0.0.1:8080", "ADDR:PORT" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (
    "--db PATH | --pg CONNINFO | --pg-file FILE [--center ID]  --listen ADDR:PORT");
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autoptr (MdgFlow) flow = NULL;
  g_autoptr (MdgFollowupSource) source = NULL;
  g_autoptr (MdgFollowupPage) page = NULL;
  g_autoptr (SoupServer) soup = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GHashTable) failures = NULL;
  g_autoptr (GBytes) css = NULL;
  g_autoslist (GUri) uris = NULL;
  Server server = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context, "Serves the visitors' follow-up pages.");
  if (!g_option_context_parse (context, &argc, &argv, error))
    return FALSE;
  if ((db == NULL && pg == NULL && pg_file == NULL) || listen == NULL)
    {
      g_set_error_literal (error, MDG_ERROR, MDG_ERROR_INVALID_ARGUMENT,
                           "usage: madoguchi-server --db PATH | --pg CONNINFO | --pg-file FILE"
                           " [--center ID] --listen ADDR:PORT");
      return FALSE;
    }
  address = parse_listen (listen, error);
  if (address == NULL || sodium_init () < 0)
    return FALSE;
  settings = kiosk_settings (error);
  if (settings == NULL)
    return FALSE;
  flow = kiosk_flow (settings, error);
  if (flow == NULL)
    return FALSE;
  source = open_source (db, pg, pg_file, center, settings, error);
  if (source == NULL)
    return FALSE;
  css = g_resources_lookup_data ("/org/madoguchi/Server/followup.css", 0, error);
  if (css == NULL)
    return FALSE;

  failures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_queue_free);
  page = mdg_followup_page_new (settings, flow);
  server = (Server) { source, page, failures, css,
                      g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) cached_page_free), -1 };
  g_signal_connect_swapped (settings, "changed", G_CALLBACK (clear_cache), &server);
  soup = soup_server_new ("server-header", NULL, NULL);
  soup_server_add_handler (soup, NULL, other_cb, &server, NULL);
  soup_server_add_handler (soup, "/followup", followup_cb, &server, NULL);
  soup_server_add_handler (soup, "/healthz", healthz_cb, &server, NULL);
  soup_server_add_handler (soup, "/static", css_cb, &server, NULL);
  g_signal_connect (soup, "request-finished", G_CALLBACK (request_finished_cb), NULL);
  if (!soup_server_listen (soup, address, 0, error))
    return FALSE;

  /* The address actually bound (port 0 picks a free one), for whoever started us. */
  uris = soup_server_get_uris (soup);
  if (uris != NULL)
    g_print ("listening on port %d\n", g_uri_get_port (uris->data));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_timeout_add_seconds (60, prune_cb, &server);
  g_main_loop_run (loop);
  soup_server_disconnect (soup);
  g_signal_handlers_disconnect_by_data (settings, &server);
  g_hash_table_unref (server.cache);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;

  mdg_i18n_init ();
  /* The access log goes to the journal line by line. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (run (argc, argv, &error))
    return 0;
  g_printerr ("madoguchi-server: %s\n", g_strdelimit (error->message, "\r\n", ' '));
  return 1;
}
