package indexer

import (
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/holiman/uint256"

	"github.com/streamgate/streamgate/contracts/bindings"
	"github.com/streamgate/streamgate/contracts/ownership"
)

var (
	erc721  = bindings.NewIERC721()
	erc20   = bindings.NewIERC20()
	erc1155 = bindings.NewIERC1155()
	// ERC-2309's ConsecutiveTransfer, as OpenZeppelin's ERC721Consecutive
	// emits it for batch mints (BatchPass is such a contract).
	erc2309 = bindings.NewBatchPass()

	// ERC-721 and ERC-20 share Transfer's topic: ERC-721 indexes the token
	// id (four topics), ERC-20 puts the value in data (three topics).
	topicTransfer = erc721.GetABI().Events["Transfer"].ID
	topicSingle   = erc1155.GetABI().Events["TransferSingle"].ID
	topicBatch    = erc1155.GetABI().Events["TransferBatch"].ID
	topicConsec   = erc2309.GetABI().Events["ConsecutiveTransfer"].ID

	// transferTopics filters eth_getLogs to the four transfer events.
	transferTopics = [][]common.Hash{{topicTransfer, topicSingle, topicBatch, topicConsec}}
)

// maxConsecutive bounds the ids one ERC-2309 ConsecutiveTransfer may name:
// OpenZeppelin caps a batch at 5000. A larger range is malformed for the
// invalidations (its holders' answers expire with the TTLs) and makes the
// contract's indexed state unsupported (answered by RPC).
const maxConsecutive = 100_000

// consecutive decodes an ERC-2309 ConsecutiveTransfer: ids first..last
// moved from one address to another.
func consecutive(l *types.Log) (first, last *uint256.Int, from, to common.Address, ok bool) {
	if len(l.Topics) != 4 || l.Topics[0] != topicConsec {
		return nil, nil, from, to, false
	}
	ev, err := erc2309.UnpackConsecutiveTransferEvent(l)
	if err != nil {
		return nil, nil, from, to, false
	}
	first, o1 := uint256.FromBig(ev.FromTokenId)
	last, o2 := uint256.FromBig(ev.ToTokenId)
	if o1 || o2 || last.Lt(first) || new(uint256.Int).Sub(last, first).GtUint64(maxConsecutive-1) {
		return nil, nil, from, to, false
	}
	return first, last, ev.FromAddress, ev.ToAddress, true
}

// decode turns transfer logs into invalidations, one per distinct (contract,
// id, from, to). Logs that do not decode (a contract emitting a
// non-standard event under a standard topic) are counted in bad and skipped:
// their holders' answers still expire with the cache TTLs. blocks[i] is the
// block of the first log that made invs[i].
func decode(chainID int64, logs []types.Log) (invs []ownership.Invalidation, blocks []uint64, bad int) {
	seen := map[invKey]bool{}
	var block uint64
	add := func(contract common.Address, id *uint256.Int, from, to common.Address) {
		k := invKey{contract: contract, from: from, to: to, hasID: id != nil}
		if id != nil {
			k.id = *id
		}
		if seen[k] {
			return
		}
		seen[k] = true
		invs = append(invs, ownership.Invalidation{Chain: chainID, Contract: contract, ID: id, From: from, To: to})
		blocks = append(blocks, block)
	}
	for i := range logs {
		block = logs[i].BlockNumber
		if !logs[i].Removed && !decodeOne(&logs[i], add) { // eth_getLogs returns no removed logs
			bad++
		}
	}
	return invs, blocks, bad
}

type invKey struct {
	contract common.Address
	id       uint256.Int
	hasID    bool
	from, to common.Address
}

type addFunc func(contract common.Address, id *uint256.Int, from, to common.Address)

// decodeOne adds the invalidations of one log; false when it does not decode.
func decodeOne(l *types.Log, add addFunc) bool {
	if len(l.Topics) == 0 {
		return false
	}
	switch {
	case l.Topics[0] == topicTransfer && len(l.Topics) == 4:
		ev, err := erc721.UnpackTransferEvent(l)
		return err == nil && addID(add, l.Address, ev.TokenId.Bytes(), ev.From, ev.To)
	case l.Topics[0] == topicTransfer && len(l.Topics) == 3:
		ev, err := erc20.UnpackTransferEvent(l)
		if err == nil {
			add(l.Address, nil, ev.From, ev.To)
		}
		return err == nil
	case l.Topics[0] == topicSingle:
		ev, err := erc1155.UnpackTransferSingleEvent(l)
		return err == nil && addID(add, l.Address, ev.Id.Bytes(), ev.From, ev.To)
	case l.Topics[0] == topicConsec:
		first, last, from, to, ok := consecutive(l)
		if !ok {
			return false
		}
		for id := first.Clone(); !id.Gt(last); id.AddUint64(id, 1) {
			add(l.Address, id.Clone(), from, to)
		}
		return true
	case l.Topics[0] == topicBatch:
		ev, err := erc1155.UnpackTransferBatchEvent(l)
		if err != nil {
			return false
		}
		for _, id := range ev.Ids {
			if !addID(add, l.Address, id.Bytes(), ev.From, ev.To) {
				return false
			}
		}
		return true
	}
	return false
}

// addID adds an invalidation for the big-endian token id; ids over 256 bits
// cannot come from a conforming contract.
func addID(add addFunc, contract common.Address, id []byte, from, to common.Address) bool {
	if len(id) > 32 {
		return false
	}
	add(contract, new(uint256.Int).SetBytes(id), from, to)
	return true
}
