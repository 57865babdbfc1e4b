/*
 * write_cucm.c: a modelled call as Cisco Unified CM's CDR Repository
 * Manager writes it (DIR/cdr.csv, read with callstat-import as cucm-cdr):
 * the two header rows of a 12.x/14 flat file (129 columns: names, then
 * types), then one CDR (cdrRecordType 1) per leg, written when the call
 * ends, the legs of a call sharing its globalCallID (callManagerId 1).
 * Times are epoch seconds in UTC, whatever --times says: CUCM has no other.
 *
 * The town as a CUCM would run it (tests/data/cucm/town.conf):
 * - the bot is a SIP trunk behind a route pattern, [bot] match's channel:
 *   term's number (8000): its CDR, then the transferred leg to the hunt
 *   pilot from the hand-over;
 * - each queue is a hunt pilot with native call queuing, named by its
 *   number in the service's queue: term (huntPilotDN): one CDR for the
 *   caller's time there, to the member who answered;
 * - the welcome message is a route point that answers (ext 8100), the
 *   closed-hours message and the voicemail boxes the voicemail system
 *   (ext 8500, [pbx] voicemail): a direct line nobody answered is
 *   forwarded there, one CDR with lastRedirectDn the phone;
 * - how a leg nobody answered ended is in its cause codes: the caller
 *   hanging up 16 on the originating side, busy 17, no answer 19, the
 *   hunt pilot's queue timing out 102, no member to ring 34.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

#define WELCOME_DN "8100"
#define VOICEMAIL_DN "8500"

/* The columns of a 12.x/14 CDR file, as its first header row names them,
 * and their types (the second row). */
static const char *const col_name[] = {
	"cdrRecordType", "globalCallID_callManagerId", "globalCallID_callId",
	"origLegCallIdentifier", "dateTimeOrigination", "origNodeId",
	"origSpan", "origIpAddr", "callingPartyNumber",
	"callingPartyUnicodeLoginUserID", "origCause_location",
	"origCause_value", "origPrecedenceLevel",
	"origMediaTransportAddress_IP", "origMediaTransportAddress_Port",
	"origMediaCap_payloadCapability", "origMediaCap_maxFramesPerPacket",
	"origMediaCap_g723BitRate", "origVideoCap_Codec",
	"origVideoCap_Bandwidth", "origVideoCap_Resolution",
	"origVideoTransportAddress_IP", "origVideoTransportAddress_Port",
	"origRSVPAudioStat", "origRSVPVideoStat", "destLegIdentifier",
	"destNodeId", "destSpan", "destIpAddr", "originalCalledPartyNumber",
	"finalCalledPartyNumber", "finalCalledPartyUnicodeLoginUserID",
	"destCause_location", "destCause_value", "destPrecedenceLevel",
	"destMediaTransportAddress_IP", "destMediaTransportAddress_Port",
	"destMediaCap_payloadCapability", "destMediaCap_maxFramesPerPacket",
	"destMediaCap_g723BitRate", "destVideoCap_Codec",
	"destVideoCap_Bandwidth", "destVideoCap_Resolution",
	"destVideoTransportAddress_IP", "destVideoTransportAddress_Port",
	"destRSVPAudioStat", "destRSVPVideoStat", "dateTimeConnect",
	"dateTimeDisconnect", "lastRedirectDn", "pkid",
	"originalCalledPartyNumberPartition", "callingPartyNumberPartition",
	"finalCalledPartyNumberPartition", "lastRedirectDnPartition",
	"duration", "origDeviceName", "destDeviceName",
	"origCallTerminationOnBehalfOf", "destCallTerminationOnBehalfOf",
	"origCalledPartyRedirectOnBehalfOf", "lastRedirectRedirectOnBehalfOf",
	"origCalledPartyRedirectReason", "lastRedirectRedirectReason",
	"destConversationId", "globalCallId_ClusterID", "joinOnBehalfOf",
	"comment", "authCodeDescription", "authorizationLevel",
	"clientMatterCode", "origDTMFMethod", "destDTMFMethod",
	"callSecuredStatus", "origConversationId", "origMediaCap_Bandwidth",
	"destMediaCap_Bandwidth", "authorizationCodeValue",
	"outpulsedCallingPartyNumber", "outpulsedCalledPartyNumber",
	"origIpv4v6Addr", "destIpv4v6Addr", "origVideoCap_Codec_Channel2",
	"origVideoCap_Bandwidth_Channel2", "origVideoCap_Resolution_Channel2",
	"origVideoTransportAddress_IP_Channel2",
	"origVideoTransportAddress_Port_Channel2",
	"origVideoChannel_Role_Channel2", "destVideoCap_Codec_Channel2",
	"destVideoCap_Bandwidth_Channel2", "destVideoCap_Resolution_Channel2",
	"destVideoTransportAddress_IP_Channel2",
	"destVideoTransportAddress_Port_Channel2",
	"destVideoChannel_Role_Channel2", "IncomingProtocolID",
	"IncomingProtocolCallRef", "OutgoingProtocolID",
	"OutgoingProtocolCallRef", "currentRoutingReason",
	"origRoutingReason", "lastRedirectingRoutingReason",
	"huntPilotPartition", "huntPilotDN", "calledPartyPatternUsage",
	"IncomingICID", "IncomingOrigIOI", "IncomingTermIOI", "OutgoingICID",
	"OutgoingOrigIOI", "OutgoingTermIOI",
	"outpulsedOriginalCalledPartyNumber", "outpulsedLastRedirectingNumber",
	"wasCallQueued", "totalWaitTimeInQueue", "callingPartyNumber_uri",
	"originalCalledPartyNumber_uri", "finalCalledPartyNumber_uri",
	"lastRedirectDn_uri", "mobileCallingPartyNumber",
	"finalMobileCalledPartyNumber", "origMobileDeviceName",
	"destMobileDeviceName", "origMobileCallDuration",
	"destMobileCallDuration", "mobileCallType",
	"originalCalledPartyPattern", "finalCalledPartyPattern",
	"lastRedirectingPartyPattern", "huntPilotPattern",
};
#define NCOL ((int)(sizeof(col_name) / sizeof(col_name[0])))

/* The columns written with a value of the call; the others are an
 * integer's 0 or a string's "". */
enum {
	C_TYPE = 0, C_CMID = 1, C_CALLID = 2, C_ORIGLEG = 3, C_ORIGINATION = 4,
	C_CALLING = 8, C_ORIG_CAUSE = 11, C_DESTLEG = 25, C_ORIG_CALLED = 29,
	C_FINAL_CALLED = 30, C_DEST_CAUSE = 33, C_CONNECT = 47,
	C_DISCONNECT = 48, C_LAST_REDIRECT = 49, C_PKID = 50, C_DURATION = 55,
	C_ORIG_DEVICE = 56, C_DEST_DEVICE = 57, C_REDIRECT_REASON = 63,
	C_CLUSTER = 65, C_HUNT_PILOT = 102, C_QUEUED = 112, C_QWAIT = 113
};

/* Whether column i is a string (quoted): by its name's type. */
static int
is_text(int i)
{
	static const char *const text[] = {
		"callingPartyNumber", "callingPartyUnicodeLoginUserID",
		"origRSVPAudioStat", "origRSVPVideoStat",
		"originalCalledPartyNumber", "finalCalledPartyNumber",
		"finalCalledPartyUnicodeLoginUserID", "destRSVPAudioStat",
		"destRSVPVideoStat", "lastRedirectDn", "pkid",
		"originalCalledPartyNumberPartition",
		"callingPartyNumberPartition", "finalCalledPartyNumberPartition",
		"lastRedirectDnPartition", "origDeviceName", "destDeviceName",
		"destConversationId", "globalCallId_ClusterID", "comment",
		"authCodeDescription", "clientMatterCode", "authorizationCodeValue",
		"outpulsedCallingPartyNumber", "outpulsedCalledPartyNumber",
		"origIpv4v6Addr", "destIpv4v6Addr", "IncomingProtocolCallRef",
		"OutgoingProtocolCallRef", "huntPilotPartition", "huntPilotDN",
		"IncomingICID", "IncomingOrigIOI", "IncomingTermIOI",
		"OutgoingICID", "OutgoingOrigIOI", "OutgoingTermIOI",
		"outpulsedOriginalCalledPartyNumber",
		"outpulsedLastRedirectingNumber", "callingPartyNumber_uri",
		"originalCalledPartyNumber_uri", "finalCalledPartyNumber_uri",
		"lastRedirectDn_uri", "mobileCallingPartyNumber",
		"finalMobileCalledPartyNumber", "origMobileDeviceName",
		"destMobileDeviceName", "originalCalledPartyPattern",
		"finalCalledPartyPattern", "lastRedirectingPartyPattern",
		"huntPilotPattern", "origVideoCap_Resolution_Channel2",
		"destVideoCap_Resolution_Channel2",
	};

	for (size_t k = 0; k < sizeof(text) / sizeof(text[0]); k++)
		if (strcmp(col_name[i], text[k]) == 0)
			return 1;
	return 0;
}

struct cs_synth_cucm {
	const struct cs_synth_town *town;
	struct cs_synth_out o;	/* its file */
	unsigned char text[NCOL];
	uint64_t leg;		/* leg identifiers, and pkids */
};

/* One CDR: what differs from a column's default. */
struct cdr {
	const char *calling, *orig_called, *final_called, *redirect, *pilot;
	const char *dest_device;
	int64_t start, connect, end;
	long orig_cause, dest_cause, reason;
};

static void
add(struct cs_synth_cucm *w, const char *s, size_t n)
{
	cs_synth_out_add(&w->o, s, n);
}

static void
put_cdr(struct cs_synth_cucm *w, const struct cs_synth_call *c,
    const struct cdr *r)
{
	const char *v[NCOL];
	char num[16][32];
	int nn = 0;

#define NUM(i, x) (snprintf(num[nn], sizeof(num[nn]), "%lld", \
	(long long)(x)), v[i] = num[nn++])
	for (int i = 0; i < NCOL; i++)
		v[i] = w->text[i] ? "" : "0";
	NUM(C_TYPE, 1);
	NUM(C_CMID, 1);
	NUM(C_CALLID, c->chan);
	NUM(C_ORIGLEG, 2 * w->leg + 16777216);
	NUM(C_DESTLEG, 2 * w->leg + 16777217);
	NUM(C_ORIGINATION, r->start);
	NUM(C_CONNECT, r->connect);
	NUM(C_DISCONNECT, r->end);
	NUM(C_DURATION, r->connect > 0 ? r->end - r->connect : 0);
	NUM(C_ORIG_CAUSE, r->orig_cause);
	NUM(C_DEST_CAUSE, r->dest_cause);
	NUM(C_REDIRECT_REASON, r->reason);
	v[C_CALLING] = r->calling;
	v[C_ORIG_CALLED] = r->orig_called != NULL ? r->orig_called : "";
	v[C_FINAL_CALLED] = r->final_called != NULL ? r->final_called : "";
	v[C_LAST_REDIRECT] = r->redirect != NULL ? r->redirect : "";
	v[C_HUNT_PILOT] = r->pilot != NULL ? r->pilot : "";
	v[C_DEST_DEVICE] = r->dest_device != NULL ? r->dest_device : "";
	v[C_ORIG_DEVICE] = "SIP_TRUNK_PSTN";
	v[C_CLUSTER] = "StandAloneCluster";
	if (r->pilot != NULL) {
		NUM(C_QUEUED, 1);
		NUM(C_QWAIT, (r->connect > 0 ? r->connect : r->end) - r->start);
	}
#undef NUM
	{
		char pk[40];

		snprintf(pk, sizeof(pk), "%08llx-5cdc-4a3b-9e1f-%012llx",
		    (unsigned long long)(c->chan & 0xffffffffULL),
		    (unsigned long long)w->leg);
		v[C_PKID] = pk;
		for (int i = 0; i < NCOL; i++) {
			if (i > 0)
				add(w, ",", 1);
			if (w->text[i])
				add(w, "\"", 1);
			add(w, v[i], strlen(v[i]));
			if (w->text[i])
				add(w, "\"", 1);
		}
	}
	add(w, "\n", 1);
	w->leg++;
}

/* The number of the bot's route pattern: [bot] match's channel: term. */
static const char *
bot_dn(const struct cs_synth_town *tn)
{
	return tn->bot_chan[0] != '\0' ? tn->bot_chan : "8000";
}

static void
queue_cdr(struct cs_synth_cucm *w, const struct cs_synth_call *c)
{
	const struct cs_synth_town *tn = w->town;
	const struct cs_synth_service *sv = &tn->svc[c->queue];
	struct cdr r;

	memset(&r, 0, sizeof(r));
	r.calling = c->number;
	/* the number dialled translated to the hunt pilot's, or the bot's
	   transfer to it */
	r.orig_called = sv->queue;
	r.pilot = sv->queue;
	r.start = c->bot ? c->bot_end : c->start;
	r.end = c->q_at;
	switch (c->q_exit) {
	case CS_SYNTH_Q_CONNECT: {
		const struct cs_synth_ring *g = &c->ring[c->winner];

		r.final_called = tn->agent[g->agent].ext;
		r.dest_device = "SEP00AABB00CCDD";
		r.connect = g->answer;
		r.end = g->end;
		if (c->q_agent_hangs_up)
			r.dest_cause = 16;
		else
			r.orig_cause = 16;
		break;
	}
	case CS_SYNTH_Q_ABANDON:
		r.final_called = sv->queue;
		r.orig_cause = 16;
		break;
	case CS_SYNTH_Q_TIMEOUT:
		r.final_called = sv->queue;
		r.dest_cause = 102;
		break;
	default:
		/* no member logged in: nobody to extend the call to */
		r.dest_cause = 34;
		break;
	}
	put_cdr(w, c, &r);
}

static void
inbound_cdrs(struct cs_synth_cucm *w, const struct cs_synth_call *c)
{
	const struct cs_synth_town *tn = w->town;
	struct cdr r;

	memset(&r, 0, sizeof(r));
	r.calling = c->number;
	r.orig_called = c->dialled;
	if (c->bot) {
		struct cdr b = r;

		b.final_called = bot_dn(tn);
		b.dest_device = "SIP_TRUNK_VOICEBOT";
		b.start = c->start;
		b.connect = c->bot_answer;
		b.end = c->bot_end;
		if (c->bot_answer > 0)
			b.dest_cause = 16;	/* the bot hung up or handed over */
		else
			b.orig_cause = 16;
		put_cdr(w, c, &b);
	}
	if (c->closed_msg || c->welcome_only) {
		struct cdr a = r;

		/* both answered: the voicemail system, or the welcome's
		   route point, which the caller hung up on */
		a.final_called = c->closed_msg ? VOICEMAIL_DN : WELCOME_DN;
		a.start = a.connect = c->start;
		a.end = c->end;
		a.orig_cause = 16;
		put_cdr(w, c, &a);
	}
	if (c->queue >= 0)
		queue_cdr(w, c);
	if (c->dial) {
		struct cdr d = r;
		const char *ext = c->dial_agent >= 0 ?
		    tn->agent[c->dial_agent].ext : c->dial_ext;

		d.final_called = ext;
		d.start = c->start;
		d.end = c->d_end;
		switch (c->d_result) {
		case CS_SYNTH_D_ANSWER:
			d.connect = c->d_answer;
			d.dest_cause = 16;
			break;
		case CS_SYNTH_D_BUSY:
			d.dest_cause = 17;
			break;
		case CS_SYNTH_D_NOANSWER:
			d.dest_cause = 19;
			break;
		default:
			d.orig_cause = 16;
			break;
		}
		if (c->vm) {
			/* forwarded to the voicemail: one CDR */
			d.final_called = VOICEMAIL_DN;
			d.redirect = ext;
			d.reason = c->d_result == CS_SYNTH_D_BUSY ? 1 : 2;
			d.connect = c->vm_start;
			d.end = c->vm_end;
			d.orig_cause = 16;
			d.dest_cause = 0;
		}
		put_cdr(w, c, &d);
	}
}

/* A staff member's call: from its extension, to another or outside. */
static void
staff_cdr(struct cs_synth_cucm *w, const struct cs_synth_call *c)
{
	struct cdr r;

	memset(&r, 0, sizeof(r));
	r.calling = c->from_ext;
	r.orig_called = r.final_called = c->dialled;
	r.start = c->start;
	r.end = c->d_end;
	if (c->d_result == CS_SYNTH_D_ANSWER) {
		r.connect = c->d_answer;
		r.orig_cause = 16;
	} else if (c->d_result == CS_SYNTH_D_BUSY)
		r.dest_cause = 17;
	else if (c->d_result == CS_SYNTH_D_NOANSWER)
		r.dest_cause = 19;
	else
		r.orig_cause = 16;
	put_cdr(w, c, &r);
}

void
cs_synth_cucm_call_id(const struct cs_synth_call *c, char *out, size_t n)
{
	snprintf(out, n, "1-%llu", (unsigned long long)c->chan);
}

int
cs_synth_cucm_put(struct cs_synth_cucm *w, const struct cs_synth_call *c)
{
	if (c->dir == CS_SYNTH_INBOUND)
		inbound_cdrs(w, c);
	else
		staff_cdr(w, c);
	return cs_synth_out_push(&w->o, c->end);
}

int
cs_synth_cucm_advance(struct cs_synth_cucm *w, int64_t now)
{
	return cs_synth_out_advance(&w->o, now);
}

static void
header(struct cs_synth_cucm *w)
{
	for (int i = 0; i < NCOL; i++)
		w->o.bytes += fprintf(w->o.fp, "%s\"%s\"", i > 0 ? "," : "",
		    col_name[i]);
	w->o.bytes += fprintf(w->o.fp, "\n");
	for (int i = 0; i < NCOL; i++)
		w->o.bytes += fprintf(w->o.fp, "%s%s", i > 0 ? "," : "", i == C_PKID ?
		    "UNIQUEIDENTIFIER" : w->text[i] ? "VARCHAR(50)" : "INTEGER");
	w->o.bytes += fprintf(w->o.fp, "\n");
}

struct cs_synth_cucm *
cs_synth_cucm_open(const struct cs_synth_town *town, const char *dir,
    struct cs_error *err)
{
	struct cs_synth_cucm *w = calloc(1, sizeof(*w));

	if (w == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	w->town = town;
	for (int i = 0; i < NCOL; i++)
		w->text[i] = (unsigned char)is_text(i);
	if (cs_synth_out_open(&w->o, dir, "cdr.csv", err) != 0) {
		free(w);
		return NULL;
	}
	header(w);
	return w;
}

int
cs_synth_cucm_close(struct cs_synth_cucm *w, struct cs_synth_stats *st,
    struct cs_error *err)
{
	int rc;

	if (w == NULL)
		return 0;
	rc = cs_synth_out_close(&w->o, st != NULL ? &st->bytes : NULL, err);
	free(w);
	return rc;
}
