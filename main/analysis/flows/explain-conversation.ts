import { protocolName } from '../../ingest/sources/vpcflow/protocol.js';
import { explainFlow, type LayerDecision } from '../network/explain.js';
import type { NetworkSnapshot } from '../network/model.js';
import type { Conversation, ConversationDetail, ConversationExplanation } from './conversation.js';

// Without the client port (it is not in the contract) a reply is checked at a typical ephemeral port.
const TYPICAL_EPHEMERAL_PORT = 49152;

type Explainable = Pick<Conversation, 'eni' | 'client' | 'server' | 'serverPort' | 'protocol' | 'verdict'>;

/**
 * Explains a conversation's verdict. With a snapshot, evaluates NACLs and security groups for the
 * rejected direction (for a return-blocked conversation the reply, where only NACLs can drop it) and
 * names the deciding NACL rule or groups. Without one, or when the snapshot's rules would allow it,
 * infers from the pattern. `detail` comes from pairing (client port, which end is the ENI).
 */
export function explainConversation(conv: Explainable, snapshot: NetworkSnapshot | null, detail?: Partial<ConversationDetail>): ConversationExplanation {
  const inferred = inferExplanation(conv, detail?.serverIsEni ?? null);
  if (snapshot === null || conv.verdict === 'ok' || conv.verdict === 'one-way') return inferred;
  const reply = conv.verdict === 'return-blocked';
  const clientPort = detail?.clientPort ?? TYPICAL_EPHEMERAL_PORT;
  const result = reply
    ? explainFlow(snapshot, { eni: conv.eni, src: conv.server, dst: conv.client, srcPort: conv.serverPort, dstPort: clientPort, protocol: conv.protocol, reply: true })
    : explainFlow(snapshot, { eni: conv.eni, src: conv.client, dst: conv.server, dstPort: conv.serverPort, protocol: conv.protocol });
  const denied: LayerDecision | undefined = [result.egress, result.ingress].find((d) => d.allowed === false);
  if (denied === undefined) {
    const unknown = result.egress.allowed === null && result.ingress.allowed === null;
    const why = unknown ? 'neither end is in the network snapshot' : `the snapshot's rules allow it (${result.text}); the rules may have changed since the logs were written`;
    return { ...inferred, text: `${inferred.text}; ${why}` };
  }
  const port = reply && detail?.clientPort === undefined ? ` (checked at ephemeral port ${TYPICAL_EPHEMERAL_PORT})` : '';
  const prefix = reply ? 'reply rejected' : 'request rejected';
  return {
    layer: denied.layer,
    naclId: denied.naclId,
    ruleNumber: denied.ruleNumber,
    direction: denied.direction,
    groupIds: [...denied.groupIds],
    text: `${prefix}: ${denied.text}${port}`,
  };
}

function inferExplanation(conv: Explainable, serverIsEni: boolean | null): ConversationExplanation {
  const traffic = `${protocolName(conv.protocol)}/${conv.serverPort}`;
  const none = (text: string): ConversationExplanation => ({ layer: 'none', naclId: null, ruleNumber: null, direction: null, groupIds: [], text });
  switch (conv.verdict) {
    case 'ok':
      return none(`request and reply accepted (${traffic} ${conv.client} → ${conv.server})`);
    case 'one-way':
      return none(`only one direction was logged and nothing was rejected (${traffic} ${conv.client} → ${conv.server})`);
    case 'return-blocked':
      return {
        layer: 'nacl',
        naclId: null,
        ruleNumber: null,
        // The reply leaves the ENI when the ENI is the server, enters it when the ENI is the client.
        direction: serverIsEni === null ? null : serverIsEni ? 'egress' : 'ingress',
        groupIds: [],
        text: 'request accepted and reply rejected: a stateless NACL is dropping the return traffic; security groups are stateful',
      };
    case 'inbound-blocked':
      return {
        layer: 'unknown', naclId: null, ruleNumber: null, direction: 'ingress', groupIds: [],
        text: `request ${traffic} from ${conv.client} rejected entering the ENI: no security-group inbound rule allows it, or a NACL inbound rule denies it`,
      };
    case 'outbound-blocked':
      return {
        layer: 'unknown', naclId: null, ruleNumber: null, direction: 'egress', groupIds: [],
        text: `request ${traffic} to ${conv.server} rejected leaving the ENI: no security-group outbound rule allows it, or a NACL outbound rule denies it`,
      };
  }
}
